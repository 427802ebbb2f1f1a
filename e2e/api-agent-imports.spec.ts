// Issue 19: an agent export over 10 MB through the API on the running server. POST /api/v1/agent-imports runs
// outside the proxy (which would make Next buffer the body and cut it at 10 MB, docs/decisions/0019), so every row
// reaches the preview; the commit then writes them all, and the inventory lists the last one.
import { expect, test } from '@playwright/test';
import { signInAs, useOwnWorkspace } from './fixtures.ts';

const MB = 1024 * 1024;
test.describe.configure({ timeout: 180_000 });

test('a 20 MB agent export goes whole through the API, previewed then committed', async ({ page, request }) => {
  const run = `apiup${Date.now().toString(36)}`;
  const ws = `ws-${run}`;
  await signInAs(page, 'admin', '/');
  await useOwnWorkspace(page, ws);
  await page.goto('/settings/api-tokens');
  const form = page.getByRole('form', { name: 'Create an API token' });
  await form.getByLabel('Label').fill(`Nightly import ${run}`);
  await form.getByLabel('Role').selectOption('admin');
  await form.getByLabel('Workspace').selectOption(ws);
  await form.getByRole('button', { name: 'Create token' }).click();
  const token = (await form.getByLabel(`New API token Nightly import ${run}`).textContent())!;
  expect(token).toMatch(/^tg_api_/);

  const pad = 'x'.repeat(900);
  const rows = ['agent_id,agent_name,owner_email,connected_apps'];
  const count = 22_000;
  for (let i = 0; i < count; i++) rows.push(`${run}-${i},Agent ${i} ${pad},owner${i % 50}@acme.example,Google Drive`);
  rows.push(`${run}-last,The last agent,last@acme.example,Google Drive;Slack`);
  const csv = Buffer.from(rows.join('\n'));
  expect(csv.length).toBeGreaterThan(20 * MB);

  const auth = { authorization: `Bearer ${token}` };
  const uploaded = await request.post(`/api/v1/agent-imports?filename=agents-20mb.csv`, {
    data: csv,
    headers: { ...auth, 'content-type': 'text/csv' },
    timeout: 150_000,
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  expect(uploaded.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(uploaded.headers()['content-security-policy']).toContain("default-src 'none'");
  const preview = (await uploaded.json()) as { import_id: string; rows: number; size: number; error_count: number };
  expect([preview.rows, preview.size, preview.error_count]).toEqual([count + 1, csv.length, 0]);

  const committed = await request.post(`/api/v1/agent-imports/${preview.import_id}/commit`, {
    data: { skip_invalid: false },
    headers: auth,
    timeout: 150_000,
  });
  expect(committed.status(), await committed.text()).toBe(200);
  expect(((await committed.json()) as { counts: { created: number } }).counts.created).toBe(count + 1);
  const last = await request.get(`/api/v1/agents/${run}-last`, { headers: auth });
  expect(((await last.json()) as { apps: string[] }).apps).toEqual(['Google Drive', 'Slack']);
});
