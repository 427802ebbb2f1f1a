// SCIM provisioning end to end: an admin creates a token in Settings, the IdP provisions a user with it
// through the real server (no session, no sign-in redirect), the admin revokes it and the IdP gets 401.
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

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
  const created = await request.post('/scim/v2/Users', { headers, data: { schemas: [USER], userName, name: { formatted: 'Sam Scim' } } });
  expect(created.status()).toBe(201);
  expect(created.headers()['content-type']).toBe('application/scim+json');
  const found = await request.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`, { headers });
  expect((await found.json()).totalResults).toBe(1);

  await page.reload();
  const row = section.getByRole('row', { name: new RegExp(label) });
  await expect(row).not.toContainText('never');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('revoked');
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);

  const refused = await request.get('/scim/v2/Users', { headers });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
});
