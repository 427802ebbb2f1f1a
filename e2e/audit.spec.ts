import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';

test('GRC exports the audit log as CSV; the export itself is audited', async ({ page }) => {
  await signInAs(page, 'grc', '/audit');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^tollgate-audit-.*\.csv$/);
  const csv = await (await download.createReadStream())
    .toArray()
    .then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const [header, ...rows] = csv.trim().split('\n');
  expect(header).toBe(
    'seq,at,actorLabel,actorId,role,action,targetType,targetId,workspaceId,diff,requestId,sourceIp,prevHash,hash',
  );
  expect(rows.some((r) => r.includes('workspace.create'))).toBe(true);
  await page.goto('/audit?action=audit.export&actor=greta');
  await expect(page.getByRole('table')).toContainText('audit.export');
});

test('an auditor reads the audit log but has no export', async ({ page }) => {
  await signInAs(page, 'auditor', '/audit');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
  const res = await page.request.get('/api/audit/export');
  expect(res.status()).toBe(403);
});
