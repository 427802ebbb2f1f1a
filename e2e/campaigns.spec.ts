// An access review end to end, in a workspace of its own: a GRC lead starts a campaign over agent ownership with
// Rhea as reviewer, Rhea decides every item, the campaign completes, and the evidence pack the GRC lead downloads
// holds the campaign's report (evidence/access-reviews.csv) with each decision, who made it and why.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { readEntries, tmp } from '@/lib/evidence/pack.fixture.ts';
import { chooseWorkspace, signInAs } from './fixtures.ts';
import { shot } from './shots.ts';

const PORT = Number(process.env.E2E_PORT ?? 3210);

function databaseUrl(): string {
  const dir = path.resolve('.test-data', `e2e-${PORT}`);
  const { pgPassword } = JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8')) as { pgPassword: string };
  const pgPort = readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  return `postgresql://postgres:${encodeURIComponent(pgPassword)}@127.0.0.1:${pgPort}/tollgate`;
}

/** A workspace with three agents: two owned by people outside Tollgate, one by the GRC lead. */
async function seedWorkspace(run: string) {
  const ws = `ws-camp-${run}`;
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query('INSERT INTO "Workspace" (id, name, kind) VALUES ($1, $2, $3)', [
      ws,
      `Reviews ${run}`,
      'workspace',
    ]);
    const agents = [
      ['a-1', 'Invoice helper', 'ann@acme.example'],
      ['a-2', 'Sales digest', 'bob@acme.example'],
      ['a-3', 'Policy finder', 'greta.grc@demo.tollgate.local'],
    ];
    for (const [id, name, owner] of agents)
      await client.query(
        `INSERT INTO "Agent" (id, "workspaceId", "externalId", name, "ownerEmail", apps, connectors, "configHash",
           "appIds", "unknownApps", "unclassifiedMcp", legs, "legCount", trifecta, "breakApps", "effectiveState")
         VALUES ($1, $2, $3, $4, $5, '{}', '[]', 'h', '{}', '{}', '{}', '{}', 0, false, '{}', 'none')`,
        [`${ws}-${id}`, ws, id, name, owner],
      );
  } finally {
    await client.end();
  }
  return ws;
}

test('a GRC lead runs an access review to completion and downloads a pack that holds its report', async ({
  browser,
}) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const ws = await seedWorkspace(run);
  const name = `Owners review ${run}`;

  // Rhea has signed in before: she is a Tollgate user the GRC lead can pick.
  const rheaContext = await browser.newContext();
  const rhea = await rheaContext.newPage();
  await signInAs(rhea, 'reviewer', '/campaigns');
  await chooseWorkspace(rhea, ws);

  const gretaContext = await browser.newContext();
  const greta = await gretaContext.newPage();
  await signInAs(greta, 'grc', '/campaigns');
  await chooseWorkspace(greta, ws);
  await greta.goto('/campaigns');
  await greta.getByRole('link', { name: 'Start a campaign' }).click();
  const form = greta.getByRole('form', { name: 'Start a campaign' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel(/Agent role assignments/).uncheck();
  await form.getByLabel('Agent ownership').check();
  await form.getByLabel('rhea.reviewer@demo.tollgate.local').check();
  await form.getByLabel(/Recurs every/).fill('90');
  await form.getByRole('button', { name: 'Start the campaign' }).click();
  await greta.waitForURL(/\/campaigns\/[^/]+$/);
  await expect(greta.getByRole('heading', { level: 1 })).toHaveText(name);
  const campaignUrl = greta.url();
  const items = greta.getByRole('region', { name: 'Campaign items' });
  await expect(items.getByText('Invoice helper — owner')).toBeVisible();
  await expect(items.getByText('not a Tollgate user: asked')).toHaveCount(2);

  // Rhea decides every item: keep two, hand the GRC lead's agent to someone else.
  await rhea.goto(campaignUrl);
  await expect(rhea.getByText('For you to decide')).toBeVisible();
  await shot(rhea, 'campaign-running');
  const axe = await new AxeBuilder({ page: rhea }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  const decide = async (label: string, decision: string, reason: string, to?: string) => {
    const f = rhea.getByRole('form', { name: `Decide ${label}` });
    await f.getByLabel('Decision').selectOption(decision);
    if (to) await f.getByLabel('Reassign to (email)').fill(to);
    await f.getByLabel('Reason').fill(reason);
    await f.getByRole('button', { name: 'Decide' }).click();
    // Decided: the form gives way to the decision, with its reason and who made it.
    await expect(f).toHaveCount(0);
    await expect(rhea.getByRole('row', { name: new RegExp(label) })).toContainText(reason);
  };
  await decide('Invoice helper — owner', 'keep', 'Ann still runs invoicing');
  await decide('Policy finder — owner', 'reassign', 'Greta moved to audit; Dora takes it', 'dora@acme.example');
  await decide('Sales digest — owner', 'keep', 'Bob’s team still uses it weekly');
  await expect(rhea.locator('.camp-facts .camp-status')).toHaveText('completed');

  await greta.reload();
  await expect(greta.locator('.camp-facts .camp-status')).toHaveText('completed');
  await expect(greta.getByRole('row', { name: /rhea\.reviewer@demo\.tollgate\.local/ }).first()).toContainText(
    '3 / 3 decided',
  );
  await shot(greta, 'campaign');
  await greta.goto('/campaigns');
  await expect(greta.getByRole('link', { name })).toBeVisible();
  await shot(greta, 'campaigns');

  // The pack holds the campaign's report: every item, its decision, who made it and why.
  await greta.goto('/evidence');
  const pack = greta.getByRole('form', { name: 'Evidence pack' });
  const download = greta.waitForEvent('download');
  await pack.getByRole('button', { name: 'Generate pack' }).click();
  const file = path.join(tmp('e2e-campaign-pack'), (await download).suggestedFilename());
  await (await download).saveAs(file);
  const csv = (await readEntries(file)).get('evidence/access-reviews.csv')!.toString('utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain('campaign,campaignStatus');
  expect(lines).toHaveLength(4);
  const policy = lines.find((l) => l.includes('agent-owner:a-3'))!;
  expect(policy).toContain(name);
  expect(policy).toContain('reassign');
  expect(policy).toContain('dora@acme.example');
  expect(policy).toContain('Greta moved to audit; Dora takes it');
  expect(policy).toContain('rhea.reviewer@demo.tollgate.local');
  await rheaContext.close();
  await gretaContext.close();
});
