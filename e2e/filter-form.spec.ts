// A list's filter form keeps the table's view: sort a list, apply a filter, and the sort (and page size) are
// still in force while the page starts again at 1. Also screenshots of the pages whose forms changed.
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';
import { shot } from './shots.ts';

test('findings: a sort chosen in the header survives a filter, and the page starts again at 1', async ({ page }) => {
  await signInAs(page, 'admin', '/findings?status=all&page=2');
  const due = page.getByRole('region', { name: 'Findings table' }).getByRole('columnheader', { name: /^Due/ });
  await due.getByRole('link').click();
  await expect(page).toHaveURL(/[?&]sort=due&dir=(asc|desc)/);
  const dir = new URL(page.url()).searchParams.get('dir')!;
  const ariaSort = dir === 'desc' ? 'descending' : 'ascending';
  await expect(due).toHaveAttribute('aria-sort', ariaSort);

  const form = page.getByRole('form', { name: 'Filter findings' });
  await form.getByLabel('Status').selectOption('open');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]status=open(&|$)/);
  const url = new URL(page.url());
  expect(url.searchParams.get('sort')).toBe('due');
  expect(url.searchParams.get('dir')).toBe(dir);
  expect(url.searchParams.has('page')).toBe(false);
  await expect(due).toHaveAttribute('aria-sort', ariaSort);
  await shot(page, 'findings-filtered-sorted');
});

test('agents: the sort and the page size survive a filter; the form shows the size it keeps', async ({ page }) => {
  await signInAs(page, 'admin', '/agents?sort=name&dir=desc&size=25&page=2');
  const form = page.getByRole('form', { name: 'Filter agents' });
  await expect(form.getByLabel('Per page')).toHaveValue('25');
  await form.getByLabel('State').selectOption('exposed');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]state=exposed(&|$)/);
  const url = new URL(page.url());
  expect([url.searchParams.getAll('sort'), url.searchParams.getAll('dir'), url.searchParams.getAll('size')]).toEqual([
    ['name'],
    ['desc'],
    ['25'],
  ]);
  expect(url.searchParams.has('page')).toBe(false);
  const agent = page.getByRole('columnheader', { name: /^Agent/ }).first();
  await expect(agent).toHaveAttribute('aria-sort', 'descending');
});

test('audit log: a filter keeps the view params and starts again at the newest events; screenshots', async ({
  page,
}) => {
  await signInAs(page, 'admin', '/audit?sort=at&dir=asc&before=999999999');
  const audit = page.getByRole('form', { name: 'Filter the audit log' });
  await audit.getByLabel('Action').fill('workspace.');
  await audit.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/[?&]action=workspace\.(&|$)/);
  const url = new URL(page.url());
  expect([url.searchParams.get('sort'), url.searchParams.get('dir'), url.searchParams.has('before')]).toEqual([
    'at',
    'asc',
    false,
  ]);
  await shot(page, 'audit-filtered');
  await page.goto('/');
  await shot(page, 'overview');
  await page.goto('/settings');
  await shot(page, 'settings');
  await page.goto('/agents?state=exposed');
  await page.locator('main tbody a[href^="/agents/"]').first().click();
  await expect(page.getByRole('heading', { name: 'Suspension' })).toBeVisible();
  await shot(page, 'agent');
});
