// Two-person control in the browser (issue 18): a reviewer asks to delete an agent, the page says it waits for a second
// person and offers the reviewer no Approve; an admin (another person) approves, the executor sends it to a simulated
// platform started here for this workspace alone, and the Actions page and the action's page show the answer.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startPlatformSim } from '@/lib/platform-sim/server.ts';
import type { GptSource } from '@/lib/platform-sim/source.ts';
import { chooseWorkspace, signInAs, type DEMO } from './fixtures.ts';
import { seriousViolations } from './axe.ts';
import { rawGpt, uploadGpts } from './gpt-files.ts';
import { overflowing } from './layout.ts';

const NO_GPTS: GptSource = {
  count: 0,
  idAt: () => '',
  indexOf: () => -1,
  gpt: () => ({}),
  configs: () => [],
  sharedUsers: () => [],
};

/** Screenshots at 1280 and 1440 px, each checked first: no table scrolls sideways, nothing sticks out of its card. */
async function shoot(page: Page, name: string) {
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    const sideways = await page
      .locator('.data-table-scroll')
      .evaluateAll((boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth + 1).length);
    expect(sideways, `${name} at ${width} px`).toBe(0);
    expect(await overflowing(page), `${name} at ${width} px`).toEqual([]);
    await page.screenshot({ path: `docs/screenshots/${name}-${width}.png`, fullPage: true });
  }
}

async function signedIn(browser: Browser, who: keyof typeof DEMO, workspace: string | null, path = '/') {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, who, path);
  if (workspace) await chooseWorkspace(page, workspace);
  return page;
}

/** The admin adds a workspace of its own with its principal and the simulated platform's two keys. */
async function ownWorkspace(
  browser: Browser,
  run: string,
  principal: string,
  platform: { url: string; read: string; act: string },
) {
  const admin = await signedIn(browser, 'admin', null, '/settings');
  const add = admin.getByRole('form', { name: 'Add a workspace' });
  await add.getByLabel('Id').fill(run);
  await add.getByLabel('Name').fill(`E2E ${run}`);
  await add.getByLabel('Principal').fill(principal);
  await add.getByRole('button', { name: 'Add workspace' }).click();
  await expect(add.getByRole('status')).toContainText('added');
  await chooseWorkspace(admin, run);

  await admin.goto('/actions');
  await expect(admin.getByText('No act key:')).toBeVisible();
  await admin.goto('/alerts/sources');
  const source = admin.getByRole('form', { name: 'Compliance API source' });
  await source.getByLabel('Base URL').fill(platform.url);
  await source.getByLabel(/^Read key/).fill(platform.read);
  await source.getByLabel(/^Act key/).fill(platform.act);
  await source.getByLabel('Pull every 15 minutes').uncheck();
  await source.getByRole('button', { name: 'Save source' }).click();
  await expect(source.getByRole('status')).toContainText('Source saved');
  return admin;
}

test('a reviewer’s delete waits for a second person, whom an admin is, and then goes to the platform', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const run = `pa${Date.now().toString(36)}`;
  const principal = `p-${run}`;
  const agentId = `${run}-agent`;
  const keys = { read: `sk-e2e-read-${run}`, act: `sk-e2e-act-${run}` };
  const sim = await startPlatformSim({
    principal,
    source: NO_GPTS,
    apiKey: keys.read,
    actKey: keys.act,
    agents: [{ id: agentId, name: `Payroll ${run}` }],
    // The platform acts at once but answers 8 s later: meanwhile the page shows the queue.
    slowAnswers: [{ route: 'deleteAgent', ms: 8_000, times: 1 }],
  });
  try {
    const admin = await ownWorkspace(browser, run, principal, { url: sim.url, ...keys });
    await admin.goto('/agents/import');
    const csv = `agent_id,agent_name,owner_email,connected_apps\n${agentId},Payroll ${run},pay@acme.example,Slack\n`;
    await admin
      .getByLabel('Agent export (CSV)')
      .setInputFiles({ name: `${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await admin.getByRole('button', { name: 'Upload and preview' }).click();
    await admin.getByRole('button', { name: 'Commit import' }).click();
    await expect(admin.getByRole('heading', { name: 'Import committed' })).toBeVisible();

    // The reviewer asks for the delete on the agent's page: it waits for a second person.
    const reviewer = await signedIn(browser, 'reviewer', run);
    await reviewer.goto(`/agents/${agentId}`);
    const card = reviewer.getByRole('region', { name: 'Platform actions', exact: true });
    await expect(card).toContainText('No platform action on this agent yet.');
    const act = card.getByRole('form', { name: 'Act on this agent' });
    await act.getByLabel('Reason (required)').fill(`Leaked payroll data, INC-${run}`);
    await act.getByRole('button', { name: 'Delete agent' }).click();
    await expect(act.getByRole('status')).toContainText('waits for a second person');
    await reviewer.reload();
    await expect(card.getByRole('row', { name: /Awaiting a second person/ })).toBeVisible();
    await reviewer.setViewportSize({ width: 1280, height: 900 });
    await card.screenshot({ path: 'docs/screenshots/actions-agent-card-1280.png' });

    await reviewer.goto('/actions');
    const pending = reviewer.getByRole('region', { name: 'Waiting for a second person', exact: true });
    await expect(pending).toContainText(`Payroll ${run}`);
    await expect(pending).toContainText('You asked for this');
    await expect(reviewer.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
    expect(await seriousViolations(reviewer)).toEqual([]);
    expect(sim.acted).toHaveLength(0);

    // The admin, another person, approves; the platform is called and answers.
    await admin.goto('/actions');
    await expect(admin.getByRole('link', { name: /1 awaiting a second person/ })).toBeVisible();
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Approve this action' }).click();
    // Nothing waits for a second person any more: the request is released to the executor.
    await expect(admin.getByRole('region', { name: 'Waiting for a second person', exact: true })).toHaveCount(0);
    const live = admin.getByRole('region', { name: 'Being sent to the platform' });
    await expect(live.getByRole('status')).toContainText(
      /Delete agent × 1, approved by ada\.admin@.*(1 queued|1 sending)/,
    );
    await admin.setViewportSize({ width: 1280, height: 900 });
    await admin.screenshot({ path: 'docs/screenshots/actions-queue-1280.png', fullPage: true });
    await expect.poll(() => sim.acted.length, { timeout: 70_000 }).toBe(1);
    // No reload: the live region follows the queue, and once nothing waits the page shows the answer.
    await expect(live).toHaveCount(0, { timeout: 30_000 });
    const table = admin.getByRole('region', { name: 'Platform actions table', exact: true });
    const row = table.getByRole('row', { name: new RegExp(`Payroll ${run}`) });
    await expect(row).toContainText(/Platform answered|Confirmed in logs/);
    await expect(row).toContainText('approved by ada.admin@');
    await expect(row).toContainText('HTTP 2');
    await shoot(admin, 'actions-list');
    // The CSV of the current filter, from the server: every matching row with its columns.
    await admin.goto(`/actions?kind=delete_agent&q=${run}`);
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('link', { name: 'Export this filter (CSV)' }).click(),
    ]);
    const exported = (await readFile(await download.path())).toString('utf8').trim().split(/\r?\n/);
    expect(exported[0]).toMatch(/^id,requested_at,kind,status,target_id,/);
    expect(exported).toHaveLength(2);
    expect(exported[1]).toContain('delete_agent');
    expect(exported[1]).toContain(agentId);
    expect(exported[1]).toContain('ada.admin@demo.tollgate.local');
    await row.getByRole('link').first().click();

    await expect(admin.getByRole('heading', { name: `Delete agent: Payroll ${run}` })).toBeVisible();
    const attempts = admin.getByRole('region', { name: 'Attempts table' });
    await expect(attempts.getByRole('row', { name: /HTTP 2\d\d/ })).toBeVisible();
    await shoot(admin, 'actions-detail');
    expect(await seriousViolations(admin)).toEqual([]);
  } finally {
    await sim.close();
  }
});

test('an incident commander isolates a GPT at once; deleting a knowledge file waits for a second person', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const run = `pg${Date.now().toString(36)}`;
  const principal = `p-${run}`;
  const gptId = `g-${run}`;
  const keys = { read: `sk-e2e-read-${run}`, act: `sk-e2e-act-${run}` };
  const sim = await startPlatformSim({ principal, source: NO_GPTS, apiKey: keys.read, actKey: keys.act });
  try {
    const admin = await ownWorkspace(browser, run, principal, { url: sim.url, ...keys });
    const gpt = rawGpt(gptId, `Salaries ${run}`, 1, [{ type: 'python' }], 'workspace');
    gpt.latest_config.files = [{ id: `file-${run}`, name: 'salaries-2026.xlsx' }] as never[];
    await uploadGpts(admin, `${run}.jsonl`, [gpt]);

    const ic = await signedIn(browser, 'incident-commander', run);
    await ic.goto(`/agents/${gptId}`);
    const card = ic.getByRole('region', { name: 'Platform actions', exact: true });
    const act = card.getByRole('form', { name: 'Act on this GPT' });
    await act.getByLabel('Reason (required)').fill(`Shared with the whole workspace, INC-${run}`);
    await act.getByRole('button', { name: 'Isolate (remove all sharing)' }).click();
    await expect(act.getByRole('status')).toContainText('queued');

    const file = card.getByRole('form', { name: 'Delete a knowledge file' });
    await file.getByLabel('Knowledge file').selectOption({ label: 'salaries-2026.xlsx' });
    await file.getByLabel('Reason (required)').fill('Payroll data must not be in a GPT');
    await file.getByRole('button', { name: 'Delete file' }).click();
    await expect(file.getByRole('status')).toContainText('waits for a second person');

    await ic.reload();
    const table = card.getByRole('region', { name: 'Platform actions on this target' });
    const fileRow = table.getByRole('row', { name: /Delete GPT knowledge file/ });
    await expect(fileRow).toContainText('salaries-2026.xlsx');
    await expect(fileRow).toContainText('waiting for a second person');
    await expect(table.getByRole('row', { name: /Isolate GPT/ })).toContainText('no second person needed');
    expect(await seriousViolations(ic)).toEqual([]);
    await ic.setViewportSize({ width: 1280, height: 900 });
    await card.screenshot({ path: 'docs/screenshots/actions-gpt-card-1280.png' });
  } finally {
    await sim.close();
  }
});
