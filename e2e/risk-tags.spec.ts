// Issue 21's Done means: a GRC lead filters findings by an OWASP agentic risk (the chips say which risks each names,
// and lead to the list filtered by them), reads the risks of an alert, and downloads an ISO/IEC 42001 evidence pack
// that verifies, with its mapping table and its sources set.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { readEntries, tmp } from '@/lib/evidence/pack.fixture.ts';
import { verifyPack } from '@/lib/evidence/pack-verify.ts';
import { signInAs } from './fixtures.ts';
import { shot } from './shots.ts';

test('a GRC lead filters findings by an OWASP agentic risk and downloads an ISO 42001 pack', async ({
  page,
  context,
}) => {
  await signInAs(page, 'grc', '/findings');
  const filters = page.getByRole('form', { name: 'Filter findings' });
  await filters.getByLabel('Risk', { exact: true }).selectOption('ASI02');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/[?&]risk=ASI02\b/);
  const table = page.getByRole('table', { name: 'Findings' });
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  // The page says one thing: the count above the table is the rows in it (one page holds 50).
  const said = (await page.getByText(/^[\d,]+ findings? match\.$/).textContent())!;
  expect(Math.min(Number(said.replace(/\D/g, '')), 50), said).toBe(count - 1);
  // Every finding listed names ASI02 (tools misused) among its chips.
  for (let i = 1; i < count; i++)
    await expect(rows.nth(i).getByRole('list', { name: 'Risks' }).getByRole('link', { name: 'ASI02' })).toBeVisible();
  await expect(page.getByLabel('Risk', { exact: true })).toHaveValue('ASI02');
  await shot(page, 'findings-risk');

  // A finding's page lists its risks; a chip leads back to the list filtered by that risk.
  await rows.nth(1).locator('a.finding-kind').click();
  await page.waitForURL(/\/findings\/[^/?]+$/);
  const risks = page.getByRole('list', { name: 'Risks' });
  await expect(risks.getByRole('link', { name: 'ASI02' })).toHaveAttribute('href', '/findings?risk=ASI02');
  await shot(page, 'finding-risks');
  const llm = risks.getByRole('link', { name: /^LLM\d\d$/ }).first();
  const llmId = (await llm.textContent())!;
  await llm.click();
  await page.waitForURL(new RegExp(`/findings\\?risk=${llmId}$`));
  await expect(page.getByRole('table', { name: 'Findings' }).getByRole('link', { name: llmId }).first()).toBeVisible();

  // Alerts carry their rule's risks: the inbox filters by them.
  await page.goto('/alerts?status=all');
  const alertRisks = page.getByRole('region', { name: 'Alerts table' }).getByRole('list', { name: 'Risks' }).first();
  await expect(alertRisks).toBeVisible();
  await shot(page, 'alerts-risks');
  const first = alertRisks.getByRole('link').first();
  const alertRisk = (await first.textContent())!;
  await first.click();
  await page.waitForURL(new RegExp(`/alerts\\?risk=${alertRisk.replaceAll('.', '\\.')}$`));
  // The inbox's labels hold their selects, so the select's name goes on with its chosen option.
  await expect(page.getByRole('combobox', { name: /^Risk\b/ })).toHaveValue(alertRisk);
  const listed = page.getByRole('region', { name: 'Alerts table' }).getByRole('list', { name: 'Risks' });
  await expect(listed.first().getByRole('link', { name: alertRisk, exact: true })).toBeVisible();

  // The ISO/IEC 42001 pack, from the Evidence page.
  await page.goto('/evidence');
  const form = page.getByRole('form', { name: 'Evidence pack' });
  await form.getByLabel('Framework').selectOption('iso42001');
  const download = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Generate pack' }).click();
  const file = path.join(tmp('e2e-iso42001'), (await download).suggestedFilename());
  await (await download).saveAs(file);
  expect(path.basename(file)).toMatch(/^tollgate-evidence-ws-acme-prod-iso42001-/);
  expect(await verifyPack(file)).toMatchObject({ ok: true, generatedBy: 'greta.grc@demo.tollgate.local' });
  const entries = await readEntries(file);
  expect(entries.has('evidence/sources.csv')).toBe(true);
  const reader = await context.newPage();
  await reader.setContent(entries.get('report/report.html')!.toString('utf8'));
  await expect(reader.getByRole('heading', { name: 'ISO/IEC 42001 items' })).toBeVisible();
  await expect(reader.getByRole('columnheader', { name: 'Why each maps' })).toBeVisible();
  await expect(reader.getByText('Sources: the platform files and events the evidence rests on')).toBeVisible();
  await reader.close();
  await page.goto('/evidence');
  await expect(
    page
      .getByRole('region', { name: 'Recently produced' })
      .getByRole('row', { name: /greta\.grc@demo\.tollgate\.local Pack: ISO\/IEC 42001/ })
      .first(),
  ).toBeVisible();
});
