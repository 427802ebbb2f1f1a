// SCIM provisioning end to end: an admin creates a token in Settings, the IdP provisions a user with it
// through the real server (no session, no sign-in redirect), the admin revokes it and the IdP gets 401.
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

test('an admin creates a SCIM token, the IdP uses it, the admin revokes it', async ({ page, request }) => {
  await signInAs(page, 'admin', '/settings');
  const section = page.getByRole('region', { name: 'SCIM provisioning' });
  const label = `Okta e2e ${Date.now()}`;
  await section.getByLabel('Label').fill(label);
  await section.getByRole('button', { name: 'Create token' }).click();
  const token = ((await section.getByLabel(`New SCIM token ${label}`).textContent()) ?? '').trim();
  expect(token).toMatch(/^tg_scim_/);

  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
  const userName = `scim-e2e-${Date.now()}@acme.example`;
  const created = await request.post('/scim/v2/Users', {
    headers,
    data: { schemas: [USER], userName, name: { formatted: 'Sam Scim' } },
  });
  expect(created.status()).toBe(201);
  expect(created.headers()['content-type']).toBe('application/scim+json');
  const found = await request.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`, {
    headers,
  });
  expect((await found.json()).totalResults).toBe(1);

  // Issue 15 through the real server: a polluting PATCH is refused and every later request still works;
  // paths and methods Next would answer with HTML or an empty 405 answer SCIM JSON; the documentation is public.
  const userId = (await created.json()).id as string;
  const polluting = await request.patch(`/scim/v2/Users/${userId}`, {
    headers,
    data: `{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","path":"__proto__.x","value":"y"}]}`,
  });
  expect([polluting.status(), (await polluting.json()).scimType]).toEqual([400, 'invalidPath']);
  expect((await request.get(`/scim/v2/Users/${userId}`, { headers })).status()).toBe(200);
  for (const [method, path, status] of [
    ['GET', '/scim/v2', 404],
    ['GET', '/scim/v2/Widgets', 404],
    ['GET', `/scim/v2/Users/${userId}/x`, 404],
    ['POST', '/scim/v2/.search', 501],
    ['DELETE', '/scim/v2/Users', 405],
  ] as const) {
    const res = await request.fetch(path, { method, headers, ...(method === 'POST' ? { data: {} } : {}) });
    expect([res.status(), res.headers()['content-type'], (await res.json()).schemas], `${method} ${path}`).toEqual([
      status,
      'application/scim+json',
      [ERROR],
    ]);
  }
  const searched = await request.post('/scim/v2/Users/.search', {
    headers,
    data: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: `userName eq "${userName}"`,
      attributes: ['userName'],
    },
  });
  expect((await searched.json()).Resources).toEqual([{ schemas: [USER], id: userId, userName }]);
  const docs = await request.get('/scim/docs');
  expect([docs.status(), docs.headers()['content-type']]).toEqual([200, 'text/markdown; charset=utf-8']);
  expect(await docs.text()).toContain('`userName` must be an email address');

  await page.reload();
  const row = section.getByRole('row', { name: new RegExp(label) });
  await expect(row).not.toContainText('never');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('revoked');
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);

  const refused = await request.get('/scim/v2/Users', { headers });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ schemas: [ERROR], status: '401' });
});
