// The import preview shows the risk before the commit: catalogue names, unknown apps, unclassified MCP
// servers and the agents that would become exposed, counted the way the commit counts them.
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './fixtures.ts';

const SHOTS = '.test-data/uib-shots';

async function shoot(page: Page, name: string) {
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
}

test('the preview says which agents would become exposed, and the commit says the same', async ({ page }) => {
  const run = `risk${Date.now().toString(36)}`;
  // In the demo workspace GitHub is read-only: Notion + GitHub is a trifecta whose sends are closed (mitigated).
  const csv = [
    'agent_id,agent_name,owner_email,connected_apps',
    `${run}-mit,Mitigated ${run},rhea@acme.example,"notion; github"`,
    `${run}-exp,Exposed ${run},rhea@acme.example,"Notion; web search"`,
    `${run}-unk,Unknown ${run},rhea@acme.example,"Zapier; mcp:${run}-crm"`,
    `${run}-bad,Broken owner,not-an-email,Slack`,
  ].join('\n');

  await signInAs(page, 'reviewer', '/agents/import');
  await page
    .getByLabel('Agent export (CSV)')
    .setInputFiles({ name: `${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
  await page.getByLabel(/This is a full export/).uncheck();
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('heading', { name: 'Import preview' })).toBeVisible();

  await expect(page.getByText(/^2 agents would become exposed/)).toBeVisible();
  const rows = page.getByRole('region', { name: 'New agents' });
  const mitigated = rows.getByRole('row', { name: new RegExp(`${run}-mit`) });
  await expect(mitigated).toContainText('Notion, GitHub');
  await expect(mitigated).toContainText('Mitigated');
  await expect(mitigated).not.toContainText('Would become exposed');
  const exposed = rows.getByRole('row', { name: new RegExp(`${run}-exp`) });
  await expect(exposed).toContainText('Notion, Web Search');
  await expect(exposed).toContainText('Would become exposed');
  const unknown = rows.getByRole('row', { name: new RegExp(`${run}-unk`) });
  await expect(unknown).toContainText('Not in the catalogue: Zapier');
  await expect(unknown).toContainText(`Unclassified MCP server (counted as all three risks): mcp:${run}-crm`);
  await expect(unknown).toContainText('Would become exposed');

  // The commit button is visibly disabled and says why until the invalid row is skipped.
  const commit = page.getByRole('button', { name: 'Commit import' });
  await expect(commit).toBeDisabled();
  await expect(commit).toHaveCSS('cursor', 'not-allowed');
  await expect(commit).toHaveAccessibleDescription(/Tick “Skip the invalid row” above to commit without it/);
  await shoot(page, 'import-preview-risk');
  await page.getByLabel(/Skip the 1 invalid row/).check();
  await expect(commit).toBeEnabled();
  await expect(page.getByText(/Tick “Skip the invalid row”/)).toHaveCount(0);
  await commit.click();

  await expect(page.getByRole('heading', { name: 'Import committed' })).toBeVisible();
  await expect(page.getByText(/^2 agents became exposed/)).toBeVisible();
  await expect(page.getByRole('link', { name: `Mitigated ${run}` })).toHaveCount(0);
  await expect(page.getByRole('link', { name: `Exposed ${run}` })).toBeVisible();
  await shoot(page, 'import-committed-risk');
});
