// `npx playwright test --project=screenshots` refreshes docs/screenshots (not part of npm test).
import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures.ts';

test('signed-in shell screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/sign-in');
  await page.screenshot({ path: 'docs/screenshots/sign-in.png' });
  await signInAs(page, 'admin', '/');
  await page.screenshot({ path: 'docs/screenshots/overview-admin.png', fullPage: true });
  await page.goto('/audit');
  await page.screenshot({ path: 'docs/screenshots/audit-log.png', fullPage: true });
  await page.goto('/settings');
  await page.screenshot({ path: 'docs/screenshots/settings.png', fullPage: true });
  await page.goto('/posture');
  await page.screenshot({ path: 'docs/screenshots/planned-section.png' });
});

test('inventory screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await signInAs(page, 'admin', '/agents');
  await page.screenshot({ path: 'docs/screenshots/agents.png', fullPage: true });
  await page.goto('/agents?state=exposed&sort=name&dir=asc');
  await page.getByRole('link', { name: 'Release notes bot' }).click();
  await page.waitForURL(/\/agents\/[^/]+$/);
  await page.screenshot({ path: 'docs/screenshots/agent-trifecta.png', fullPage: true });
  await page.goto('/apps');
  await page.screenshot({ path: 'docs/screenshots/apps.png', fullPage: true });
  await page.goto('/agents/import');
  await page.screenshot({ path: 'docs/screenshots/agents-import.png', fullPage: true });
});

test('SCIM provisioning screenshot', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, 'admin', '/settings');
  const section = page.getByRole('region', { name: 'SCIM provisioning' });
  await section.getByLabel('Label').fill('Okta production');
  await section.getByRole('button', { name: 'Create token' }).click();
  await section.getByRole('button', { name: 'Copy' }).waitFor();
  await section.screenshot({ path: 'docs/screenshots/settings-scim.png' });
});

test('roster screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await signInAs(page, 'admin', '/roles/members');
  await page.screenshot({ path: 'docs/screenshots/roster.png', fullPage: true });
  await page.goto('/roles/members/import');
  await page.screenshot({ path: 'docs/screenshots/roster-import.png', fullPage: true });
});

test('findings screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  // Findings come from the observed workspace: a members export with three owners, unattested admins and a direct role.
  const csv = [
    'email,name,role,status,groups,agent_roles',
    'o1@acme.example,Owen One,owner,active,,',
    'o2@acme.example,Olga Two,owner,active,,',
    'o3@acme.example,Oscar Three,owner,active,,',
    'max@acme.example,Max Member,member,active,agents-run,agents-build',
  ].join('\n');
  await signInAs(page, 'admin', '/roles/members/import');
  await page
    .getByLabel('Members export (CSV)')
    .setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
  await page.getByLabel(/This is a full export/).uncheck();
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.getByRole('button', { name: 'Commit import' }).click();
  await page.getByRole('heading', { name: 'Import committed' }).waitFor();
  // …and the roles pack as shipped, uploaded as the live export (Slack bot on for run and build).
  await page.goto('/roles');
  await page.getByLabel(/^Pack file/).setInputFiles('lib/packs/fixtures/hth-chatgpt-enterprise-6.01-rbac-roles.jsonc');
  await page.getByRole('button', { name: 'Import pack' }).click();
  await page.getByRole('status').waitFor();
  await page.goto('/findings');
  await page.screenshot({ path: 'docs/screenshots/findings.png', fullPage: true });
  await page.getByRole('link', { name: 'Role permission beyond baseline' }).first().click();
  await page.waitForURL(/\/findings\/[^/]+$/);
  await page.screenshot({ path: 'docs/screenshots/finding.png', fullPage: true });
  await page.goto('/');
  await page
    .getByRole('region', { name: 'Open findings' })
    .screenshot({ path: 'docs/screenshots/overview-findings.png' });
});

test('incident commander and mobile screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, 'incident-commander', '/');
  await page.screenshot({ path: 'docs/screenshots/shell-incident-commander.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'docs/screenshots/shell-mobile.png', fullPage: true });
});

test('role matrix and action control screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const roles = JSON.stringify(
    {
      roles: [
        {
          name: 'agents-run',
          features: {
            agents_use: 'enabled',
            agents_build: 'disabled',
            agents_publish: 'disabled',
            workspace_agents_for_slack: 'enabled',
          },
        },
        {
          name: 'agents-build',
          idp_group: 'engineering',
          features: {
            agents_use: 'enabled',
            agents_build: 'enabled',
            agents_publish: 'enabled',
            workspace_agents_for_slack: 'enabled',
          },
        },
        {
          name: 'agents-admin',
          features: {
            agents_use: 'enabled',
            agents_build: 'enabled',
            agents_publish: 'enabled',
            workspace_agents_for_slack: 'enabled',
            agents_publish_with_shared_connections: 'enabled',
          },
        },
      ],
    },
    null,
    2,
  );
  await signInAs(page, 'admin', '/roles');
  await page.getByLabel(/^Pack file/).setInputFiles({
    name: 'roles-live.jsonc',
    mimeType: 'application/json',
    buffer: Buffer.from(`// live export\n${roles}`),
  });
  await page.getByRole('button', { name: 'Import pack' }).click();
  await page.getByRole('status').filter({ hasText: 'as the observed' }).waitFor();
  await page.screenshot({ path: 'docs/screenshots/roles-matrix.png', fullPage: true });
  await page.goto('/roles?edit=agents-run#editor');
  await page.getByRole('checkbox', { name: /Slack bot/ }).check();
  await page.getByRole('group', { name: /You are granting/ }).waitFor();
  await page.locator('#editor').screenshot({ path: 'docs/screenshots/roles-edit-confirm.png' });

  const controls = {
    apps: {
      gmail: { enabled: true, action_control: 'read_only', new_actions_default: 'deny' },
      google_drive: { enabled: true, action_control: 'read_only', new_actions_default: 'deny' },
      slack: { enabled: true, action_control: 'allow_all', new_actions_default: 'allow' },
      web_search: { enabled: true, action_control: 'read_only', new_actions_default: 'deny' },
      github: {
        enabled: true,
        action_control: 'custom',
        actions_allowed: ['search', 'read', 'comment'],
        actions_denied: ['push', 'merge', 'release'],
        new_actions_default: 'deny',
      },
    },
  };
  await page.goto('/apps/action-control');
  await page.getByLabel(/^Pack file/).setInputFiles({
    name: 'apps-live.jsonc',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(controls, null, 2)),
  });
  await page.getByRole('button', { name: 'Import pack' }).click();
  await page.getByRole('status').filter({ hasText: 'reclassified' }).waitFor();
  await page.screenshot({ path: 'docs/screenshots/action-control.png', fullPage: true });
  await page.goto('/apps/action-control?edit=slack#editor');
  await page.locator('#editor').screenshot({ path: 'docs/screenshots/action-control-edit.png' });
});

test('exceptions screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await signInAs(page, 'reviewer', '/exceptions');
  await page.screenshot({ path: 'docs/screenshots/exceptions.png', fullPage: true });
  await page.goto('/exceptions/new');
  await page.screenshot({ path: 'docs/screenshots/exception-request.png', fullPage: true });
  await page.goto('/exceptions');
  const first = page.locator('a.exc-title').first();
  if (await first.count()) {
    await first.click();
    await page.waitForURL(/\/exceptions\/[^/]+$/);
    await page.screenshot({ path: 'docs/screenshots/exception.png', fullPage: true });
  }
});

test('alerts and log sources screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await signInAs(page, 'admin', '/alerts');
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/alerts.png', fullPage: true });
  await page.getByRole('link', { name: 'Connector newly granted to a workspace agent' }).first().click();
  await page.screenshot({ path: 'docs/screenshots/alert.png', fullPage: true });
  await page.goto('/alerts/sources');
  await page.screenshot({ path: 'docs/screenshots/log-sources.png', fullPage: true });
  await page.goto('/alerts/rules');
  await page.screenshot({ path: 'docs/screenshots/detection-rules.png', fullPage: true });
  await page.goto('/agents?q=Pipeline%20digest');
  await page.getByRole('link', { name: 'Pipeline digest' }).click();
  await page
    .getByRole('region', { name: 'Last runs', exact: true })
    .screenshot({ path: 'docs/screenshots/agent-runs.png' });
});

test('publish review screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await signInAs(page, 'reviewer', '/reviews');
  await page.screenshot({ path: 'docs/screenshots/review-queue.png', fullPage: true });
  await page.goto('/reviews/agent-crm-exporter');
  await page.screenshot({ path: 'docs/screenshots/review-refused.png', fullPage: true });
  await page.goto('/reviews/register?show=all');
  await page.screenshot({ path: 'docs/screenshots/review-register.png', fullPage: true });
  await page.goto('/reviews/policy');
  await page.screenshot({ path: 'docs/screenshots/review-policy.png', fullPage: true });
  await page.goto('/reviews/checklist');
  await page.screenshot({ path: 'docs/screenshots/review-checklist.png', fullPage: true });
  await page.goto('/reviews/runbook');
  await page.screenshot({ path: 'docs/screenshots/runbook.png', fullPage: true });
  await page.locator('a[href^="/suspensions/"]').first().click();
  await page.waitForURL(/\/suspensions\/[^/]+$/);
  await page.screenshot({ path: 'docs/screenshots/suspension.png', fullPage: true });
});

test('posture screenshots', async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await signInAs(page, 'ciso', '/posture');
  await page.screenshot({ path: 'docs/screenshots/posture.png', fullPage: true });
  await page.getByRole('link', { name: /^6\.4 / }).click();
  await page.waitForURL(/\/posture\/6\.4$/);
  await page.screenshot({ path: 'docs/screenshots/posture-control.png', fullPage: true });
  await page.goto('/posture/attestations');
  await page.screenshot({ path: 'docs/screenshots/attestations.png', fullPage: true });
});

test('AI-governance frameworks screenshots: Posture at 1280 px, the Overview at 1440 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, 'ciso', '/posture');
  const region = page.getByRole('region', { name: 'AI-governance frameworks' });
  await region.getByText(/^OWASP Agentic: /).click();
  await region.screenshot({ path: 'docs/screenshots/posture-frameworks.png' });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await page.getByRole('region', { name: 'Framework coverage' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/overview-frameworks.png', fullPage: true });
});

test('CISO overview screenshot', async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await signInAs(page, 'ciso', '/');
  await expect(
    page
      .getByRole('img', { name: /^Posture score, overall and by section/ })
      .locator('.recharts-line path')
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/overview-ciso.png', fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: 'docs/screenshots/overview-ciso-print.png', fullPage: true });
});

test('evidence screenshots', async ({ page, context }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await signInAs(page, 'grc', '/evidence');
  const form = page.getByRole('form', { name: 'Evidence pack' });
  const download = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Generate pack' }).click();
  const file = await (await download).path();
  await expect(form.getByText('Pack ready')).toBeVisible();
  await page.reload();
  await page.screenshot({ path: 'docs/screenshots/evidence.png', fullPage: true });
  const { readEntries } = await import('@/lib/evidence/pack.fixture.ts');
  // A page of its own, so the app's scripts cannot render into the report.
  const reader = await context.newPage();
  await reader.setViewportSize({ width: 1360, height: 900 });
  await reader.setContent((await readEntries(file)).get('report/report.html')!.toString('utf8'));
  await reader.screenshot({ path: 'docs/screenshots/evidence-report.png', fullPage: true });
  await reader.close();
});

test('import preview risk screenshot', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const run = `shot${Date.now().toString(36)}`;
  const csv = [
    'agent_id,agent_name,owner_email,connected_apps',
    `${run}-mit,Release reader,rhea@acme.example,"Notion; GitHub"`,
    `${run}-exp,Research digest,rhea@acme.example,"Notion; Web Search"`,
    `${run}-unk,CRM helper,rhea@acme.example,"Zapier; mcp:crm-lookup"`,
    `${run}-bad,Broken owner,not-an-email,Slack`,
  ].join('\n');
  await signInAs(page, 'reviewer', '/agents/import');
  await page
    .getByLabel('Agent export (CSV)')
    .setInputFiles({ name: 'agents-export.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
  await page.getByLabel(/This is a full export/).uncheck();
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page
    .getByText(/would become exposed/)
    .first()
    .waitFor();
  await page.screenshot({ path: 'docs/screenshots/import-preview-risk.png', fullPage: true });
  await page.getByRole('button', { name: 'Discard' }).click();
});

test('Not allowed screenshot', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  await signInAs(page, 'incident-commander', '/settings');
  await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
  await page.screenshot({ path: 'docs/screenshots/not-allowed.png' });
});

test('what a reviewer and an incident commander see: suspension clock, closed send, review, glossary', async ({
  page,
}) => {
  const { uploadAgents } = await import('./compliance-upload.ts');
  const { useOwnWorkspace } = await import('./fixtures.ts');
  const run = `shot${Date.now().toString(36)}`;
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, 'reviewer', '/agents');
  await uploadAgents(page, run, [
    { id: `agent-${run}`, name: 'Notion exporter', connectors: [{ connector_id: 'notion', user_approvals: 'never' }] },
  ]);
  await page.clock.install();
  await page.goto(`/agents/agent-${run}`);
  const suspend = page.getByRole('form', { name: 'Suspend this agent' });
  await suspend.getByLabel('Reason (required)').fill('Unexpected export of Notion pages (INC-2042).');
  await suspend.getByRole('button', { name: 'Suspend' }).click();
  await page.getByRole('link', { name: 'Open the suspension' }).click();
  await page.waitForURL(/\/suspensions\/[^/]+$/);
  await page.clock.fastForward('16:05');
  await page.locator('.clock-late').waitFor();
  await page.screenshot({ path: 'docs/screenshots/suspension-clock-late.png', fullPage: true });

  await page.goto('/reviews/agt_cgdo5pyhyphdltp6');
  await page.screenshot({ path: 'docs/screenshots/review-exposed-web-search.png', fullPage: true });
  // The pages the older shots show, as they read now (same as in 'inventory' and 'publish review' above).
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto('/reviews/agent-crm-exporter');
  await page.screenshot({ path: 'docs/screenshots/review-refused.png', fullPage: true });
  await page.goto('/reviews/runbook');
  await page.locator('a[href^="/suspensions/"]').last().click();
  await page.waitForURL(/\/suspensions\/[^/]+$/);
  await page.screenshot({ path: 'docs/screenshots/suspension.png', fullPage: true });
  await page.goto('/agents?state=exposed&sort=name&dir=asc');
  await page.getByRole('link', { name: 'Release notes bot' }).click();
  await page.waitForURL(/\/agents\/[^/]+$/);
  await page.screenshot({ path: 'docs/screenshots/agent-trifecta.png', fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/glossary');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'docs/screenshots/glossary.png', fullPage: true });

  // A closed send, in a workspace of its own (action control is workspace-wide).
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.context().clearCookies(); // sign in again, as an admin (adding a workspace needs settings:write)
  await signInAs(page, 'admin', '/settings');
  await useOwnWorkspace(page, `ws-${run}`);
  const csv = [
    'agent_id,agent_name,owner_email,connected_apps',
    `${run}-rel,Release notes bot,marcus.lee@acme.example,"GitHub; Slack"`,
  ].join('\r\n');
  await page.goto('/agents/import');
  await page
    .getByLabel('Agent export (CSV)')
    .setInputFiles({ name: `${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`${csv}\r\n`) });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.getByRole('button', { name: 'Commit import' }).click();
  await page.getByRole('heading', { name: 'Import committed' }).waitFor();
  const controls = {
    apps: {
      github: {
        enabled: true,
        action_control: 'custom',
        actions_allowed: ['search', 'read'],
        actions_denied: ['push', 'merge', 'release', 'comment'],
        new_actions_default: 'deny',
      },
    },
  };
  await page.goto('/apps/action-control');
  await page.getByLabel(/^Pack file/).setInputFiles({
    name: 'apps-live.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(controls)),
  });
  await page.getByRole('button', { name: 'Import pack' }).click();
  await page.getByRole('status').filter({ hasText: 'reclassified' }).waitFor();
  await page.goto(`/agents/${run}-rel`);
  await page.screenshot({ path: 'docs/screenshots/agent-trifecta-closed-send.png', fullPage: true });
});
