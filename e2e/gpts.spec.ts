// Issue 17 item 7: a reviewer finds the demo's trifecta GPT from the Agents page (the demo's scheduled read
// stores the simulated Compliance API's GPTs at start-up), sees why (each leg with the part that lights it) and
// what changed between its versions; the Agents page narrowed to GPTs and the GPT page fit 1280–1920 px.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { signInAs, useOwnWorkspace } from './fixtures.ts';
import { rawGpt, uploadGpts } from './gpt-files.ts';
import { overflowing } from './layout.ts';

const GPT = 'Market research analyst';
const WIDTHS = [1280, 1440, 1920];

async function fits(page: import('@playwright/test').Page, name: string, shots: number[] = []) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    expect(await overflowing(page), `${name} at ${width} px`).toEqual([]);
    if (shots.includes(width)) await page.screenshot({ path: `docs/screenshots/${name}-${width}.png`, fullPage: true });
  }
}

test('a reviewer filters the Agents page to GPTs, opens the trifecta GPT and sees why and what changed', async ({
  page,
}) => {
  await signInAs(page, 'reviewer', '/agents');
  const kinds = page.getByRole('navigation', { name: 'Agent kinds' });
  const gptTab = kinds.getByRole('link', { name: /^Custom GPTs \d+$/ });
  const agentTab = kinds.getByRole('link', { name: /^Workspace agents \d+$/ });
  const count = async (tab: typeof gptTab) =>
    Number(((await tab.textContent()) ?? '').match(/(\d[\d,]*)$/)![1]!.replace(',', ''));
  const gpts = await count(gptTab);
  expect(gpts).toBeGreaterThan(0);
  expect(await count(agentTab)).toBeGreaterThan(0);

  await gptTab.click();
  await expect(page).toHaveURL(/[?&]kind=custom_gpt/);
  await expect(page.getByLabel('Kind', { exact: true })).toHaveValue('custom_gpt');
  await expect(page.getByText(`${gpts} agent${gpts === 1 ? '' : 's'} match`)).toBeVisible();
  const table = page.getByRole('region', { name: 'Agents' });
  const kindCells = table.locator('tbody tr td:nth-child(2)');
  await expect(kindCells.first()).toHaveText('Custom GPT');
  expect(new Set(await kindCells.allTextContents())).toEqual(new Set(['Custom GPT']));
  // A GPT's parts by name in the Apps column: its capabilities and a count of its knowledge files.
  const analyst = table.getByRole('row', { name: new RegExp(GPT) });
  await expect(analyst).toContainText('web browsing');
  await expect(analyst).toContainText(/\d+ knowledge files?/);
  await fits(page, 'agents-gpts', [1280, 1440]);
  // The export of this view says each row's kind.
  const csv = await (await page.request.get('/api/agents/export?ws=ws-acme-prod&kind=custom_gpt')).text();
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  expect(header!.split(',').at(-1)).toBe('kind');
  expect(lines).toHaveLength(gpts);
  expect(new Set(lines.map((l) => l.split(',').at(-1)))).toEqual(new Set(['custom_gpt']));

  // The filter form keeps the kind when another filter is applied.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByLabel('Search').fill(GPT);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/kind=custom_gpt/);
  await table.getByRole('link', { name: GPT }).click();

  await expect(page.getByRole('heading', { level: 1, name: GPT })).toBeVisible();
  await expect(page.getByText('Custom GPTs /')).toBeVisible();
  await expect(page.getByRole('region', { name: 'What would break it' })).toContainText('Remove Web browsing');
  // Why: each lit leg with the part that lights it.
  const why = page.getByRole('region', { name: 'Why each leg is lit' });
  const browsing = why.getByRole('row', { name: /Web browsing/ });
  await expect(browsing).toContainText('web pages are outside content');
  await expect(browsing).toContainText('every page it opens is a request');
  await expect(why.getByRole('row', { name: /Knowledge file/ }).first()).toContainText(
    'a knowledge file is read into every chat',
  );
  await expect(page.locator('[role="region"][aria-label="Knowledge files"]')).toContainText(/Not classified|Classify/);

  // History: the two latest versions by default; browsing joined in the third, so comparing the first with the
  // latest shows it added.
  const from = page.getByLabel('Compare', { exact: true });
  const options = await from.locator('option').allTextContents();
  expect(options.length).toBeGreaterThanOrEqual(3);
  await from.selectOption({ index: options.length - 1 });
  await page.getByLabel('with', { exact: true }).selectOption({ index: 0 });
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(/from=.*&to=/);
  const changes = page.getByRole('region', { name: 'Changes between versions' });
  await expect(changes.getByRole('row', { name: /capability.*added.*web_browsing/ })).toBeVisible();
  await fits(page, 'gpt-page', [1280, 1440]);
});

test('an admin uploads saved GPT pages on Sources: good GPTs are stored, a bad line is listed with its reason', async ({
  page,
}) => {
  const run = `gu${Date.now().toString(36)}`;
  await signInAs(page, 'admin', '/');
  await useOwnWorkspace(page, `ws-${run}`);
  const [good] = demoGpts(new Date()).map((d) => d.gpt as { id: string; latest_config: { name: string } });
  const text = `${JSON.stringify(good)}\n{"id": "g-cut\n`;
  await page.goto('/alerts/sources');
  const form = page.getByRole('form', { name: 'Upload saved GPT files' });
  await form.getByLabel(/GPT files saved from the Compliance API/).setInputFiles({
    name: `${run}.jsonl`,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await form.getByRole('button', { name: 'Upload and store GPTs' }).click();
  await expect(form.getByRole('status')).toContainText('1 GPT read · 1 new');
  await expect(form.getByRole('status')).toContainText('1 refused');
  const refused = page.getByRole('region', { name: 'Refused GPT objects' });
  await expect(refused.getByRole('row', { name: new RegExp(`${run}\\.jsonl: line 2`) })).toContainText('not JSON');
  await expect(page.getByRole('region', { name: 'GPT reads' })).toContainText(`File import (${run}.jsonl)`);
  await fits(page, 'sources');

  await page.goto('/agents?kind=custom_gpt');
  await expect(
    page.getByRole('region', { name: 'Agents' }).getByRole('link', { name: good!.latest_config.name }),
  ).toBeVisible();
});

test('a GPT action shows its domain, sign-in and each operation with its gate, declared or by default', async ({
  page,
}) => {
  await signInAs(page, 'reviewer', '/agents?kind=custom_gpt&q=Partner+update+sender');
  await page.getByRole('region', { name: 'Agents' }).getByRole('link', { name: 'Partner update sender' }).click();
  const zapier = page.getByRole('article', { name: 'Action hooks.zapier.com' });
  await expect(zapier).toContainText('Sign-inNone');
  const post = zapier.getByRole('row', { name: /POST \/q8x1z7\// });
  await expect(post).toContainText('no: runs without asking');
  await expect(post).toContainText('declared: x-openai-isConsequential false');
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a reviewer classifies an action whose schema cannot be read: its legs, who and when, and it can change', async ({
  page,
}) => {
  const run = `ga${Date.now().toString(36)}`;
  const id = `g-${run}`;
  const broken = 'openapi: 3.0.0\ninfo: { title: Expenses\npaths:\n  /claims: [ get: {';
  await signInAs(page, 'admin', '/');
  await useOwnWorkspace(page, `ws-${run}`);
  const action = { domain: 'expenses.acme.example', auth: { type: 'none' }, openapi_schema: broken };
  await uploadGpts(page, `${run}.jsonl`, [rawGpt(id, `Expenses ${run}`, 1, [{ type: 'action', action }])]);

  await page.goto(`/agents/${id}`);
  const article = page.getByRole('article', { name: 'Action expenses.acme.example' });
  await expect(article).toContainText('it counts for all three legs until a reviewer classifies it');
  const state = page.getByRole('region', { name: 'Identity and sharing' });
  await expect(state).toContainText(/Risk state\s*Exposed/);

  await expect(page.getByRole('region', { name: 'What would break it' })).toContainText(
    'Classify the action expenses.acme.example under Actions by the legs it really lights',
  );
  const form = article.getByRole('form', { name: 'Classify the action expenses.acme.example' });
  await form.getByRole('checkbox', { name: 'Brings outside content' }).check();
  await form.getByLabel(/^Note/).fill('Reads the public exchange-rate feed only');
  await form.getByRole('button', { name: 'Classify this action' }).click();
  await expect(form.getByRole('status')).toHaveText('Action classified; 1 GPT reclassified.');

  await page.reload();
  await expect(article).toContainText(
    /classified by ada\.admin@\S+ on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC as untrusted content \(Reads the public/,
  );
  await expect(article).not.toContainText('counts for all three legs');
  await expect(state).toContainText(/Risk state\s*Not a trifecta/);
  const why = page.getByRole('region', { name: 'Why each leg is lit' });
  await expect(why.getByRole('row', { name: /expenses\.acme\.example/ })).toContainText(
    'a reviewer classified this action',
  );
  // Once set, it can be changed: the form keeps the ticks and says so.
  await expect(form.getByRole('checkbox', { name: 'Brings outside content' })).toBeChecked();
  await form.getByRole('checkbox', { name: 'Can send data out' }).check();
  await form.getByRole('button', { name: 'Change the classification' }).click();
  await expect(form.getByRole('status')).toHaveText('Action classified; 1 GPT reclassified.');
  await page.reload();
  await expect(article).toContainText('as untrusted content, external send');
});
