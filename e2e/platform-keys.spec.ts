// The two keys in the browser (issue 18): an admin stores a read key and an act key for a workspace of its own,
// tests each against a simulated platform started here, sees the result with its time after a reload, and moves
// the base URL to another origin, which clears both. No key ever comes back in the page's HTML.
import { expect, test } from '@playwright/test';
import { startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { chooseWorkspace, signInAs } from './fixtures.ts';

test('an admin stores an act key, tests both keys and sees the results; a new origin clears them', async ({ page }) => {
  test.setTimeout(90_000);
  const run = `pk${Date.now().toString(36)}`;
  const principal = `p-${run}`;
  const keys = { read: `sk-e2e-read-${run}`, act: `sk-e2e-act-${run}` };
  const sim = await startPlatformSim({ principal, source: arraySource([]), apiKey: keys.read, actKey: keys.act });
  const noKeyInPage = async () => {
    const html = await page.content();
    expect(html).not.toContain(keys.read);
    expect(html).not.toContain(keys.act);
  };
  try {
    await signInAs(page, 'admin', '/settings');
    const add = page.getByRole('form', { name: 'Add a workspace' });
    await add.getByLabel('Id').fill(run);
    await add.getByLabel('Name').fill(`E2E ${run}`);
    await add.getByLabel('Principal').fill(principal);
    await add.getByRole('button', { name: 'Add workspace' }).click();
    await expect(add.getByRole('status')).toContainText('added');
    await chooseWorkspace(page, run);

    await page.goto('/alerts/sources');
    const source = page.getByRole('form', { name: 'Compliance API source' });
    await expect(page.getByText('bound to the origin (scheme, host and port)', { exact: false })).toBeVisible();
    await source.getByLabel('Base URL').fill(sim.url);
    await source.getByLabel(/^Read key/).fill(keys.read);
    await source.getByLabel(/^Act key/).fill(keys.act);
    await source.getByLabel('Pull every 15 minutes').uncheck();
    await source.getByRole('button', { name: 'Save source' }).click();
    await expect(source.getByRole('status')).toContainText('Source saved');
    await page.reload();
    await noKeyInPage();
    await expect(source.getByLabel(/^Act key/)).toHaveValue('');
    await expect(source.getByLabel(/^Act key/)).toHaveAttribute('type', 'password');
    await expect(source.getByText('(stored encrypted — leave empty to keep it)')).toHaveCount(2);

    const keysRegion = page.getByRole('region', { name: 'Keys', exact: true });
    await expect(keysRegion).toContainText(`Keys bound to ${new URL(sim.url).origin}.`);
    for (const which of ['read', 'act'] as const) {
      const form = keysRegion.getByRole('form', { name: `Test the ${which} key` });
      await form.getByRole('button', { name: 'Test connection' }).click();
      await expect(form.getByRole('status')).toContainText(
        which === 'read' ? 'Read key: the read key reads' : 'Act key: the act key is accepted',
      );
    }
    expect(sim.acted).toEqual([]);
    await page.reload();
    await expect(keysRegion.getByRole('listitem').filter({ hasText: 'Act key' })).toContainText(
      new RegExp(
        'Last test: passed \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC: ' +
          'the act key is accepted: the platform looked for the test agent and found none',
      ),
    );
    await expect(keysRegion.getByRole('listitem').filter({ hasText: 'Read key' })).toContainText('Last test: passed');
    await noKeyInPage();

    // Another origin (the same server under another host name): both keys are cleared and the page says so.
    await source.getByLabel('Base URL').fill(sim.url.replace('127.0.0.1', 'localhost'));
    await source.getByRole('button', { name: 'Save source' }).click();
    await expect(source.getByRole('status')).toContainText(
      "The base URL's origin changed, so both stored keys were cleared.",
    );
    await page.reload();
    await expect(keysRegion).toContainText('Read key — none stored.');
    await expect(keysRegion).toContainText('Act key — none stored.');
    await expect(keysRegion).toContainText('No act key is stored: a suspension captures its evidence');
    await noKeyInPage();
  } finally {
    await sim.close();
  }
});
