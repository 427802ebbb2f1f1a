// GRC staff download a SOC 2 evidence pack, watch its progress, and open its report; the pack verifies.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { readEntries, tmp } from '@/lib/evidence/pack.fixture.ts';
import { verifyPack } from '@/lib/evidence/pack-verify.ts';
import { signInAs } from './fixtures.ts';

test('GRC downloads a SOC 2 evidence pack and opens its report', async ({ page, context }) => {
  await signInAs(page, 'grc', '/evidence');
  const form = page.getByRole('form', { name: 'Evidence pack' });
  await expect(form.getByLabel('Framework')).toHaveValue('soc2');
  const download = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Generate pack' }).click();
  await expect(form.getByLabel('Pack progress')).toBeVisible();
  const file = path.join(tmp('e2e-pack'), (await download).suggestedFilename());
  await (await download).saveAs(file);
  expect(path.basename(file)).toMatch(/^tollgate-evidence-ws-acme-prod-soc2-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.zip$/);
  expect(await verifyPack(file)).toMatchObject({ ok: true, generatedBy: 'greta.grc@demo.tollgate.local' });

  const report = (await readEntries(file)).get('report/report.html')!.toString('utf8');
  // A page of its own: the app's scripts still running in `page` could otherwise render into the report.
  const reader = await context.newPage();
  await reader.setContent(report);
  await expect(reader.getByRole('heading', { level: 1 })).toContainText('Tollgate evidence report');
  await expect(reader.getByText('SOC 2').first()).toBeVisible();
  await expect(reader.getByText(/chain intact/)).toBeVisible();
  await reader.close();

  // The pack is in the audit trail, with its manifest's hash.
  await page.goto('/evidence');
  await expect(
    page
      .getByRole('region', { name: 'Recently produced' })
      .getByRole('row', { name: /greta\.grc@demo\.tollgate\.local Pack: SOC 2/ }),
  ).toBeVisible();
});
