// Files over 10 MB through the running server (issue 15, item 2): the proxy used to make Next buffer upload
// bodies and cut them at 10 MB. Each upload must arrive whole, or be refused with the route's own limit.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { signInAs, useOwnWorkspace } from './fixtures.ts';

const MB = 1024 * 1024;
test.describe.configure({ timeout: 180_000 });

async function post(page: Page, url: string, data: Buffer, filename: string) {
  const origin = new URL(page.url()).origin;
  return page.request.post(url, {
    data,
    headers: { origin, 'x-filename': encodeURIComponent(filename), 'content-type': 'application/octet-stream' },
    timeout: 150_000,
  });
}

test('a 20 MB agent export previews every row', async ({ page }) => {
  const run = `up${Date.now().toString(36)}`;
  await signInAs(page, 'admin', '/');
  await useOwnWorkspace(page, `ws-${run}`);
  const pad = 'x'.repeat(900);
  const rows = ['agent_id,agent_name,owner_email,connected_apps'];
  const count = 22_000;
  for (let i = 0; i < count; i++)
    rows.push(`${run}-${i},Agent ${i} ${pad},owner${i % 50}@acme.example,Google Drive;Slack`);
  rows.push(`${run}-last,The last agent,last@acme.example,Google Drive`);
  const csv = Buffer.from(rows.join('\n'));
  expect(csv.length).toBeGreaterThan(20 * MB);

  const res = await post(page, `/api/agents/imports?ws=ws-${run}&full=1`, csv, 'agents-20mb.csv');
  expect(res.status()).toBe(201);
  expect(res.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.headers()['content-security-policy']).toContain("default-src 'none'");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  const { id } = (await res.json()) as { id: string };
  await page.goto(`/agents/import/${id}`);
  await expect(page.getByText(`${csv.length.toLocaleString('en')} bytes`, { exact: false })).toBeVisible();
  const counts = page.locator('section[aria-labelledby="counts-title"]');
  await expect(counts.getByText(`${(count + 1).toLocaleString('en')} new`)).toBeVisible();
  await expect(counts.getByText('0 invalid rows')).toBeVisible();
});

test('a 28 MB JSONL and an 11 MB .jsonl.gz are stored whole', async ({ page }) => {
  const run = `up${Date.now().toString(36)}`;
  await signInAs(page, 'reviewer', '/alerts/sources');
  const line = (i: number, note: string) =>
    JSON.stringify({
      event_id: `${run}-${i}`,
      type: 'AUDIT_LOG',
      timestamp: '2026-11-02T10:00:00.000000Z',
      principal: { id: `p-${run}`, type: 'CHATGPT_WORKSPACE' },
      action: 'LOGIN',
      note,
    });
  const plainLines = Array.from({ length: 28_000 }, (_, i) => line(i, 'n'.repeat(1000)));
  const plain = Buffer.from(plainLines.join('\n'));
  expect(plain.length).toBeGreaterThan(28 * MB);
  const stored = await post(page, '/api/logs/files', plain, `${run}.jsonl`);
  expect(stored.status()).toBe(201);
  expect(await stored.json()).toMatchObject({
    status: 'complete',
    lines: 28_000,
    inserted: 28_000,
    quarantinedCount: 0,
    error: null,
  });

  // Random text barely compresses: 11 MB of gzip.
  const zippedLines = Array.from({ length: 11_000 }, (_, i) => line(100_000 + i, randomBytes(1100).toString('base64')));
  const zipped = gzipSync(zippedLines.join('\n'));
  expect(zipped.length).toBeGreaterThan(11 * MB);
  const unzipped = await post(page, '/api/logs/files', zipped, `${run}.jsonl.gz`);
  expect(unzipped.status()).toBe(201);
  expect(await unzipped.json()).toMatchObject({ status: 'complete', lines: 11_000, inserted: 11_000, error: null });
});

test('uploads over a route’s own limit are refused with 413 naming it', async ({ page }) => {
  await signInAs(page, 'admin', '/');
  // The members export's 32 MB (the agent export's 256 MB is checked by the API test, by its Content-Length).
  const res = await post(page, '/api/roster/imports?ws=ws-acme-prod&full=0', Buffer.alloc(33 * MB, 'a'), 'too-big.csv');
  expect(res.status()).toBe(413);
  expect(await res.json()).toEqual({
    error: { code: 'too_large', message: 'The file is larger than the limit of 32 MB.' },
  });
});

test('a 10 MB evidence file in a sign-off form (over 10 MB with the form) arrives whole', async ({ page }) => {
  const run = `up${Date.now().toString(36)}`;
  await signInAs(page, 'admin', '/');
  await useOwnWorkspace(page, `ws-${run}`);
  const file = randomBytes(10 * MB); // the largest evidence file: the form around it passes 10 MB
  const origin = new URL(page.url()).origin;
  const res = await page.request.post('/api/checklist/signoffs', {
    headers: { origin },
    multipart: {
      workspaceId: `ws-${run}`,
      step: '1',
      note: 'Large evidence',
      file: { name: 'evidence.bin', mimeType: 'application/octet-stream', buffer: file },
    },
    timeout: 120_000,
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const download = await page.request.get(`/api/checklist/signoffs/${id}/evidence?ws=ws-${run}`);
  expect(download.status()).toBe(200);
  expect(Buffer.compare(await download.body(), file)).toBe(0);
});
