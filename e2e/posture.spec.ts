// The CISO's Overview: scores from the latest snapshot, the trend, top risks; a drill-down from a risk to the
// failing agent, and from a control to its records.
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';

test('a CISO sees the posture on Overview and drills down from a risk to the exposed agent', async ({ page }) => {
  await signInAs(page, 'ciso', '/');
  const posture = page.getByRole('region', { name: 'Posture against the hardening guide' });
  await expect(posture.getByRole('link', { name: /^Overall \d+(\.\d)?$/ })).toBeVisible();
  await expect(posture.getByText(/Control score = 100 × the mean of its checks’ scores/)).toBeVisible();
  // Weeks of history from the demo's daily snapshots: the score trend and the risk trend.
  const scoreTrend = page.getByRole('img', { name: /^Posture score, overall and by section \(0–100\) over \d+ day/ });
  await expect(scoreTrend).toBeVisible();
  expect(Number((await scoreTrend.getAttribute('aria-label'))!.match(/over (\d+) day/)![1])).toBeGreaterThanOrEqual(42);
  await expect(scoreTrend.locator('.recharts-line path').first()).toBeVisible();
  await expect(
    page.getByRole('img', {
      name: /^Trifecta agents, open alerts and expiring exceptions over \d+ day\(s\); latest Trifecta exposed \d+/,
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Framework coverage' }).getByRole('row', { name: /^SOC 2 / }),
  ).toBeVisible();

  const risks = page.getByRole('region', { name: 'Top risks' });
  await expect(risks.getByText(/\d+ agents? exposed to the lethal trifecta/)).toBeVisible();
  const firstAgent = risks.locator('a[href^="/agents/"]').first();
  const name = (await firstAgent.textContent())!.replace(/ \(.*\)$/, '');
  await firstAgent.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Exposed').first()).toBeVisible();

  // From a failing L1 control to its checks and records.
  await page.goto('/posture/6.4');
  await expect(page.locator('ul.checks').getByText('No agent exposed to the lethal trifecta')).toBeVisible();
  await expect(page.locator('ul.checks a[href^="/agents/"]').first()).toBeVisible();
  // The score moves with the count: the page states the share the check scores (issue 15).
  await expect(
    page.locator('ul.checks').getByText(/^Scores \d+ ÷ \d+ = [\d.]+ \(agents not exposed ÷ agents/),
  ).toBeVisible();
});

test('the Overview shows one exposed figure, with the time it is from', async ({ page }) => {
  await signInAs(page, 'admin', '/');
  await expect(page.getByTestId('trifecta-figure')).toContainText(
    /^\d+ exposed · \d+ mitigated · \d+ accepted · as of \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/,
  );
  await expect(
    page.getByRole('region', { name: 'Top risks' }).getByText(/agents? exposed to the lethal trifecta/),
  ).toBeVisible();
  // Every "N exposed" on the page (inventory, latest counts, top risks) is the same N.
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, spaced as read (textContent joins cells)
  const text = await page.locator('main').innerText();
  const figures = new Set([...text.matchAll(/(\d[\d,]*) (?:agents? )?exposed\b/g)].map((m) => m[1]));
  expect(figures.size, text).toBe(1);
});

test('GRC attests a control with an evidence link, and the control passes', async ({ page }) => {
  await signInAs(page, 'grc', '/posture/attestations');
  await page.getByText('Attest control 3.3', { exact: true }).click();
  const form = page.getByRole('form', { name: /^Attest control 3\.3:/ });
  await form
    .getByLabel(/^Statement/)
    .fill('Custom instructions reviewed: no secrets, no personal data, approved by the AI board.');
  await form.getByLabel('Evidence link (https only)').fill('https://grc.acme.example/evidence/chatgpt-3.3');
  await form.getByRole('button', { name: 'Attest 3.3' }).click();
  await expect(form.getByRole('status')).toHaveText('Control 3.3 attested.');
  await page.goto('/posture/3.3');
  await expect(page.getByText(/Attested by greta\.grc@demo\.tollgate\.local, until/)).toBeVisible();
});

test('a CISO reads the AI-governance frameworks on Posture and on the Overview, at 1280 and 1440 px', async ({
  page,
}) => {
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await signInAs(page, 'ciso', '/posture');
    const region = page.getByRole('region', { name: 'AI-governance frameworks' });
    // Each framework with its edition, score and how many of its items are assessed.
    await expect(region.getByRole('row', { name: /^ISO\/IEC 42001 2023 [\d.]+ \d+ of 38$/ })).toBeVisible();
    await expect(region.getByRole('row', { name: /^MITRE ATLAS ATLAS data v5\.6\.0/ })).toBeVisible();
    // An item shows the guide controls and checks its score rests on, linked.
    await region.getByText(/^OWASP Agentic: \d+ of 10 items assessed$/).click();
    const asi01 = region.getByRole('row', { name: /^ASI01 / });
    await expect(asi01.getByRole('link', { name: '6.4' })).toHaveAttribute('href', '/posture/6.4');
    await expect(region.getByRole('row', { name: /^ASI07 .* not assessed/ })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    await page.goto('/');
    const coverage = page.getByRole('region', { name: 'Framework coverage' });
    await expect(coverage.getByRole('row', { name: /^EU AI Act [\d.]+ \d+ of 15/ })).toBeVisible();
    await expect(coverage.getByRole('row', { name: /^SOC 2 / })).toBeVisible();
    await expect(
      page.getByRole('img', { name: /^AI-governance framework scores \(0–100\) over \d+ day/ }),
    ).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
});
