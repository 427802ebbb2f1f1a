// Suspensions against a real PostgreSQL: evidence captured before the status changes and equal to what the
// agent was, append-only evidence, "no runs ingested", the alert and its webhook delivery, confirmation once,
// restore with a reason to the previous status, refusals (double suspend, deleted, no test agent), drills,
// and the demo seed through the same services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { saveWebhook } from '@/lib/alerts/notify.ts';
import { seedDemoSuspensions } from '@/lib/seed/demo-suspensions.ts';
import { DEMO_EXPORT } from '@/lib/seed/demo-agents.ts';
import { evidenceSha256, type EvidenceData } from './evidence.ts';
import { getSuspension, listSuspensions, recentDrills } from './queries.ts';
import { drillStatus, runDrill, saveRunbookSettings, scheduleDrill } from './runbook.ts';
import { confirmSuspended, restoreAgent, suspendAgent } from './service.ts';
import { suspensionTimings } from './timings.ts';

const ic = { id: 'u-iris', label: 'iris@acme.example', role: 'incident-commander' };
const admin = { id: 'u-ada', label: 'ada@acme.example', role: 'admin' };
const WS = 'ws-susp';
const MIN = 60_000;
const t0 = new Date('2026-05-04T09:00:00.000Z');
let db: Db;

const CSV = `agent_id,agent_name,owner_email,connected_apps,status
agt_deal,Deal desk,priya@acme.example,Salesforce;Slack,published
agt_quiet,Quiet helper,tom@acme.example,Confluence,draft
agt_test,Drill target,qa@acme.example,,draft
agt_gone,Gone bot,tom@acme.example,Notion,deleted
agt_race,Race bot,tom@acme.example,Notion,published
`;

async function importCsv(ws: string, csv: string) {
  const { id } = await previewImport(db, admin, ws, {
    filename: 'agents.csv',
    content: Buffer.from(csv),
    fullExport: true,
  });
  await commitImport(db, admin, ws, id, { skipInvalid: false });
}

const agentId = async (externalId: string, ws = WS) =>
  (
    await db.agent.findUniqueOrThrow({
      where: { workspaceId_externalId: { workspaceId: ws, externalId } },
      select: { id: true },
    })
  ).id;

beforeAll(async () => {
  db = createDb(await createTestDatabase('suspensions'));
  await createWorkspace(db, admin, { id: WS, name: 'Suspensions', kind: 'workspace', principal: null });
  await importCsv(WS, CSV);
  // Twelve runs of the deal desk agent, as the Compliance Logs ingestion stores them.
  await db.agentRun.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({
      workspaceId: WS,
      runId: `run-${String(i + 1).padStart(2, '0')}`,
      agentId: 'agt_deal',
      versionId: 'v1',
      invoker: { type: 'user', name: 'priya@acme.example', id: null },
      sharedInvocation: false,
      status: i === 11 ? 'failed' : 'completed',
      startedAt: new Date(t0.getTime() - (12 - i) * 3_600_000),
      endedAt: new Date(t0.getTime() - (12 - i) * 3_600_000 + 30_000),
      durationMs: 30_000,
      failure: i === 11 ? 'tool error' : null,
      messages: 2,
      calls: [],
      memory: [],
      skills: [],
    })),
  });
  await saveWebhook(
    db,
    admin,
    WS,
    { url: 'https://hooks.example.com/services/T0/B0/x', minSeverity: 'high', enabled: true },
    'test-key',
  );
  await saveRunbookSettings(
    db,
    admin,
    WS,
    {
      authority: 'agents-admin and the incident commander',
      triggers: 'Trifecta detection (6.4)\nAnomalous Compliance API event',
      agentsAdminChannel: '#agents-admin',
      grcOnCall: 'grc-oncall@acme.example',
      incidentCommander: 'iris@acme.example',
    },
    t0,
  );
});
afterAll(async () => {
  await db.$disconnect();
});

describe('suspendAgent', () => {
  let suspensionId: string;

  it('captures the evidence before the status changes, equal to what the agent was', async () => {
    const id = await agentId('agt_deal');
    const before = await db.agent.findUniqueOrThrow({ where: { id } });
    const out = await suspendAgent(
      db,
      ic,
      { workspaceId: WS, agentId: id, reason: 'Trifecta alert on Slack posts', kind: 'incident' },
      t0,
    );
    suspensionId = out.id;

    const s = await db.suspension.findUniqueOrThrow({ where: { id: out.id } });
    const evidence = await db.suspensionEvidence.findUniqueOrThrow({ where: { suspensionId: out.id } });
    const data = evidence.data as unknown as EvidenceData;
    expect(data).toMatchObject({
      agentId: 'agt_deal',
      name: 'Deal desk',
      owner: 'priya@acme.example',
      connectedApps: before.apps,
      connectors: before.connectors,
      configHash: before.configHash,
      versionId: null,
    });
    expect(data.snapshot).toMatchObject({
      id,
      status: 'published',
      name: before.name,
      ownerEmail: before.ownerEmail,
      configHash: before.configHash,
      updatedAt: before.updatedAt.toISOString(),
    });
    expect(data.lastRuns!.map((r) => r.id)).toEqual([
      'run-12',
      'run-11',
      'run-10',
      'run-09',
      'run-08',
      'run-07',
      'run-06',
      'run-05',
      'run-04',
      'run-03',
    ]);
    expect(data.lastRuns![0]).toMatchObject({
      status: 'failed',
      failure: 'tool error',
      invoker: { name: 'priya@acme.example' },
    });
    expect(evidence.sha256).toBe(evidenceSha256(evidence.data));
    expect(evidence.sha256).toBe(out.sha256);

    // The agent changed after: suspended, with a history entry naming the suspension.
    expect((await db.agent.findUniqueOrThrow({ where: { id } })).status).toBe('suspended');
    const history = await db.agentHistory.findFirstOrThrow({ where: { agentId: id }, orderBy: { id: 'desc' } });
    expect(history).toMatchObject({
      kind: 'status_changed',
      detail: { from: 'published', to: 'suspended', by: 'iris@acme.example', suspensionId: out.id },
    });

    expect(s).toMatchObject({
      kind: 'incident',
      externalId: 'agt_deal',
      triggeredBy: 'iris@acme.example',
      triggeredById: 'u-iris',
      triggeredAt: t0,
      confirmedAt: null,
    });
    expect(evidence.capturedAt).toEqual(s.evidenceAt);
    expect(s.evidenceAt!.getTime()).toBeGreaterThanOrEqual(t0.getTime());
    expect(s.notifiedAt!.getTime()).toBeGreaterThanOrEqual(s.evidenceAt!.getTime());
    expect(s.notifiedAt!.getTime() - t0.getTime()).toBeLessThan(MIN);
  });

  it('keeps the evidence append-only: an UPDATE or DELETE is refused', async () => {
    await expect(
      db.suspensionEvidence.update({ where: { suspensionId }, data: { sha256: '0'.repeat(64) } }),
    ).rejects.toThrow();
    await expect(
      db.$executeRaw`UPDATE "SuspensionEvidence" SET data = '{}'::jsonb WHERE "suspensionId" = ${suspensionId}`,
    ).rejects.toThrow();
    await expect(
      db.$executeRaw`DELETE FROM "SuspensionEvidence" WHERE "suspensionId" = ${suspensionId}`,
    ).rejects.toThrow();
    const evidence = await db.suspensionEvidence.findUniqueOrThrow({ where: { suspensionId } });
    expect(evidenceSha256(evidence.data)).toBe(evidence.sha256);
  });

  it('notifies: a high alert in the inbox naming the agent, the reason and the list, a webhook delivery', async () => {
    const alert = await db.alert.findUniqueOrThrow({
      where: { workspaceId_key: { workspaceId: WS, key: `suspension:${suspensionId}` } },
    });
    expect(alert).toMatchObject({
      ruleId: 'tollgate-suspension',
      severity: 'high',
      agentId: 'agt_deal',
      status: 'open',
      title: 'Agent suspended: Deal desk',
      at: t0,
    });
    for (const part of [
      'Deal desk (agt_deal)',
      'by iris@acme.example',
      'Reason: Trifecta alert on Slack posts',
      'agent owner priya@acme.example',
      'agents-admin channel #agents-admin',
      'GRC on-call grc-oncall@acme.example',
      'incident commander iris@acme.example',
      'Global Admin Console',
    ]) {
      expect(alert.message).toContain(part);
    }
    // The alert webhook is a webhook subscription: an alert.raised event queued for it, in this workspace.
    expect(
      await db.webhookDelivery.findFirstOrThrow({
        where: { event: { type: 'alert.raised', subjectId: alert.id, workspaceId: WS } },
      }),
    ).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
    const detail = await getSuspension(db, WS, suspensionId);
    expect(detail!.notified!.map((r) => r.to)).toEqual([
      'priya@acme.example',
      '#agents-admin',
      'grc-oncall@acme.example',
      'iris@acme.example',
    ]);
    expect(detail!.evidence!.intact).toBe(true);
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: WS, targetId: suspensionId },
      select: { action: true, actorLabel: true },
    });
    expect(audit).toEqual([{ action: 'agent.suspend', actorLabel: 'iris@acme.example' }]);
  });

  it('refuses suspending it again, naming who suspended it and when, and leaves nothing behind', async () => {
    const counts = async () => [await db.suspension.count(), await db.alert.count(), await db.auditEvent.count()];
    const before = await counts();
    await expect(
      suspendAgent(db, admin, { workspaceId: WS, agentId: await agentId('agt_deal'), reason: 'again' }),
    ).rejects.toThrow(
      'Deal desk is already suspended: iris@acme.example suspended it at ' +
        '2026-05-04 09:00:00 UTC (incident). Restore it before suspending it again.',
    );
    await expect(
      suspendAgent(db, admin, { workspaceId: WS, agentId: await agentId('agt_gone'), reason: 'x' }),
    ).rejects.toThrow('Gone bot is deleted: there is nothing to suspend.');
    await expect(
      suspendAgent(db, admin, { workspaceId: WS, agentId: await agentId('agt_quiet'), reason: '  ' }),
    ).rejects.toThrow('Say why the agent is suspended (a reason is required).');
    await expect(
      suspendAgent(db, admin, { workspaceId: 'ws-other', agentId: await agentId('agt_quiet'), reason: 'x' }),
    ).rejects.toThrow('No such agent in this workspace.');
    expect(await counts()).toEqual(before);
  });

  it('lets one of two simultaneous suspensions through', async () => {
    const id = await agentId('agt_race');
    const results = await Promise.allSettled([
      suspendAgent(db, ic, { workspaceId: WS, agentId: id, reason: 'one' }),
      suspendAgent(db, admin, { workspaceId: WS, agentId: id, reason: 'two' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(
      /already suspended/,
    );
    expect(await db.suspension.count({ where: { agentId: id } })).toBe(1);
  });

  it('records "no runs ingested" as null', async () => {
    const out = await suspendAgent(
      db,
      ic,
      { workspaceId: WS, agentId: await agentId('agt_quiet'), reason: 'Anomalous Compliance API event' },
      t0,
    );
    const evidence = await db.suspensionEvidence.findUniqueOrThrow({ where: { suspensionId: out.id } });
    expect((evidence.data as unknown as EvidenceData).lastRuns).toBeNull();
    expect((evidence.data as unknown as EvidenceData).snapshot.status).toBe('draft');
  });

  it('confirms once, then restores with a reason to the status before', async () => {
    const id = await agentId('agt_deal');
    await confirmSuspended(db, ic, { workspaceId: WS, suspensionId }, new Date(t0.getTime() + 6 * MIN));
    await expect(confirmSuspended(db, admin, { workspaceId: WS, suspensionId })).rejects.toThrow(
      'Already confirmed by iris@acme.example at 2026-05-04 09:06:00 UTC.',
    );
    const s = await db.suspension.findUniqueOrThrow({ where: { id: suspensionId } });
    expect(suspensionTimings(s, new Date(t0.getTime() + 60 * MIN))).toMatchObject({ totalMs: 6 * MIN, verdict: 'met' });

    await expect(restoreAgent(db, admin, { workspaceId: WS, suspensionId, reason: ' ' })).rejects.toThrow(
      'Say why the agent is restored (a reason is required).',
    );
    expect((await db.agent.findUniqueOrThrow({ where: { id } })).status).toBe('suspended');
    const restoredAt = new Date(t0.getTime() + 2 * 86_400_000);
    expect(
      await restoreAgent(
        db,
        admin,
        { workspaceId: WS, suspensionId, reason: 'False positive: posts were by a person' },
        restoredAt,
      ),
    ).toEqual({ status: 'published', restored: true });
    expect((await db.agent.findUniqueOrThrow({ where: { id } })).status).toBe('published');
    expect(await db.suspension.findUniqueOrThrow({ where: { id: suspensionId } })).toMatchObject({
      restoredAt,
      restoredBy: 'ada@acme.example',
      restoreReason: 'False positive: posts were by a person',
      restoreWorked: null,
    });
    await expect(restoreAgent(db, admin, { workspaceId: WS, suspensionId, reason: 'again' })).rejects.toThrow(
      /Already restored by ada@acme.example/,
    );
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: WS, targetId: suspensionId },
      orderBy: { seq: 'asc' },
      select: { action: true, diff: true },
    });
    expect(audit.map((a) => a.action)).toEqual(['agent.suspend', 'agent.suspend.confirm', 'agent.restore']);
    expect(audit[2]!.diff).toMatchObject({
      statusRestored: 'published',
      reason: 'False positive: posts were by a person',
    });
  });
});

describe('drills', () => {
  it('refuses a drill when no test agent is set, naming the setting', async () => {
    await createWorkspace(db, admin, { id: 'ws-nodrill', name: 'No drill', kind: 'workspace', principal: null });
    await expect(
      scheduleDrill(db, ic, { workspaceId: 'ws-nodrill', at: new Date(t0.getTime() + 86_400_000) }, t0),
    ).rejects.toThrow(/No drill test agent is set.*“Drill test agent” in the runbook settings/);
    await expect(runDrill(db, ic, { workspaceId: 'ws-nodrill' }, t0)).rejects.toThrow(/No drill test agent is set/);
    expect(await db.suspension.count({ where: { workspaceId: 'ws-nodrill' } })).toBe(0);
  });

  it('schedules a drill, starts it at its time, and records whether the restore worked', async () => {
    const test = await agentId('agt_test');
    await saveRunbookSettings(
      db,
      admin,
      WS,
      {
        authority: 'agents-admin and the incident commander',
        triggers: ['Trifecta detection (6.4)'],
        drillAgentId: test,
      },
      t0,
    );
    const at = new Date(t0.getTime() + 7 * 86_400_000);
    const { id } = await scheduleDrill(db, ic, { workspaceId: WS, at }, t0);
    expect(await db.suspension.findUniqueOrThrow({ where: { id } })).toMatchObject({
      kind: 'drill',
      agentId: test,
      triggeredAt: null,
      scheduledFor: at,
      triggeredBy: 'iris@acme.example',
    });
    await expect(scheduleDrill(db, ic, { workspaceId: WS, at }, t0)).rejects.toThrow(
      /A drill is already scheduled for 2026-05-11 09:00:00 UTC/,
    );
    await expect(confirmSuspended(db, ic, { workspaceId: WS, suspensionId: id })).rejects.toThrow(
      /has not started yet/,
    );
    await expect(runDrill(db, ic, { workspaceId: WS, suspensionId: id }, new Date(at.getTime() - MIN))).rejects.toThrow(
      'This drill is scheduled for 2026-05-11 09:00:00 UTC: start it then.',
    );

    await runDrill(db, ic, { workspaceId: WS, suspensionId: id }, at);
    expect((await db.agent.findUniqueOrThrow({ where: { id: test } })).status).toBe('suspended');
    expect(
      await db.alert.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId: WS, key: `suspension:${id}` } } }),
    ).toMatchObject({ title: 'Suspension drill: Drill target' });
    await expect(runDrill(db, ic, { workspaceId: WS, suspensionId: id }, at)).rejects.toThrow(/This drill already ran/);
    await confirmSuspended(db, ic, { workspaceId: WS, suspensionId: id }, new Date(at.getTime() + 17 * MIN));
    await expect(restoreAgent(db, ic, { workspaceId: WS, suspensionId: id, reason: 'Drill done' })).rejects.toThrow(
      'Say whether the restore worked (the agent ran again as before).',
    );
    await restoreAgent(
      db,
      ic,
      { workspaceId: WS, suspensionId: id, reason: 'Drill done', restoreWorked: true },
      new Date(at.getTime() + 30 * MIN),
    );
    expect(await db.suspension.findUniqueOrThrow({ where: { id } })).toMatchObject({
      restoreWorked: true,
      restoreReason: 'Drill done',
    });
    expect((await db.agent.findUniqueOrThrow({ where: { id: test } })).status).toBe('draft');

    const drills = await recentDrills(db, WS);
    expect(drillStatus(drills, new Date(at.getTime() + 86_400_000))).toMatchObject({
      last: { id },
      inWindow: true,
      metTarget: false,
    });
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: WS, targetId: id },
      orderBy: { seq: 'asc' },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'drill.schedule',
      'agent.suspend',
      'agent.suspend.confirm',
      'agent.restore',
    ]);
  });

  it('runs an unscheduled drill of the test agent', async () => {
    const out = await runDrill(db, admin, { workspaceId: WS }, t0);
    expect(await db.suspension.findUniqueOrThrow({ where: { id: out.id } })).toMatchObject({
      kind: 'drill',
      externalId: 'agt_test',
      scheduledFor: null,
      triggeredAt: t0,
    });
  });

  it('validates and audits the runbook settings', async () => {
    await expect(saveRunbookSettings(db, admin, WS, { authority: '', triggers: 'x' })).rejects.toThrow(
      /authority is required/,
    );
    await expect(
      saveRunbookSettings(db, admin, WS, { authority: 'IC', triggers: 'x', incidentCommander: 'Iris' }),
    ).rejects.toThrow(/incident commander must be an e-mail address or a channel name/);
    await expect(
      saveRunbookSettings(db, admin, WS, { authority: 'IC', triggers: 'x', drillAgentId: await agentId('agt_gone') }),
    ).rejects.toThrow(/Gone bot is deleted/);
    const updates = await db.auditEvent.count({ where: { workspaceId: WS, action: 'runbook.update' } });
    expect(updates).toBe(2);
  });
});

describe('seedDemoSuspensions', () => {
  it('seeds the runbook, a restored incident and a drill within 90 days, through the services', async () => {
    const ws = 'ws-demo-susp';
    const now = new Date('2026-06-15T12:00:00Z');
    await createWorkspace(db, admin, { id: ws, name: 'Demo', kind: 'workspace', principal: null });
    await importCsv(ws, DEMO_EXPORT);
    await seedDemoSuspensions(db, { workspaceId: ws, now });

    const rows = await listSuspensions(db, ws);
    expect(rows.map((r) => [r.kind, r.agentName])).toEqual([
      ['incident', 'Customer escalation summarizer'],
      ['drill', 'Brand voice checker'],
    ]);
    for (const r of rows) {
      expect(r.confirmedAt && r.restoredAt && r.evidenceAt && r.notifiedAt).toBeTruthy();
      expect(suspensionTimings(r, now).verdict).toBe('met');
    }
    expect(rows[1]!.restoreWorked).toBe(true);
    expect(
      drillStatus(
        rows.filter((r) => r.kind === 'drill'),
        now,
      ),
    ).toMatchObject({ inWindow: true, metTarget: true });
    const statuses = await db.agent.findMany({
      where: { workspaceId: ws, externalId: { in: ['agt_vmklx3phnbsa7ogy', 'agt_qynpmgqhtjiohyql'] } },
      orderBy: { externalId: 'asc' },
      select: { status: true },
    });
    expect(statuses.map((s) => s.status)).toEqual(['draft', 'published']);
    expect(await db.runbookSettings.findUniqueOrThrow({ where: { workspaceId: ws } })).toMatchObject({
      agentsAdminChannel: '#agents-admin',
    });
    expect(
      await db.auditEvent.count({
        where: {
          workspaceId: ws,
          action: {
            in: ['agent.suspend', 'agent.suspend.confirm', 'agent.restore', 'drill.schedule', 'runbook.update'],
          },
        },
      }),
    ).toBe(8);
  });
});
