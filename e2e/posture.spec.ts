// The CISO's Overview: scores from the latest snapshot, the trend, top risks; a drill-down from a risk to the
// failing agent, and from a control to its records.
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';

test('a CISO sees the posture on Overview and drills down from a risk to the exposed agent', async ({ page }) => {
  await signInAs(page, 'ciso', '/');
  const posture = page.getByRole('region', { name: 'Posture against the hardening guide' });
  await expect(posture.getByRole('link', { name: /^Overall \d+(\.\d)?$/ })).toBeVisible();
  await expect(posture.getByText(/Control score = 100 × checks met ÷ applicable checks/)).toBeVisible();
  await expect(page.getByRole('img', { name: /^Posture trend over \d+ day/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Framework coverage' }).getByRole('row', { name: /^SOC 2 / })).toBeVisible();

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
});
