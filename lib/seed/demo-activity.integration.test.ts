// The demo's agent activity on a fresh database: runs on the agents, and exactly the alerts its comments promise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { reviewQueue } from '@/lib/reviews/queue.ts';
import { DEMO_WORKSPACE, seedDemoWorkspace } from './demo.ts';

let db: Db;
const ws = DEMO_WORKSPACE.id;

beforeAll(async () => {
  const url = await createTestDatabase('seed_activity');
  db = createDb(url);
  expect(await seedDemoWorkspace(db, { url, now: new Date('2026-11-20T12:00:00Z') })).toBe(true);
});
afterAll(async () => db.$disconnect());

describe('demo agent activity', () => {
  it('shows the log-built agents with their runs', async () => {
    const agents = await db.agent.findMany({
      where: { workspaceId: ws, externalId: { startsWith: 'agent-' } },
      select: { externalId: true, name: true, ownerEmail: true, status: true, effectiveState: true },
      orderBy: { externalId: 'asc' },
    });
    expect(agents).toEqual([
      {
        externalId: 'agent-crm-exporter',
        name: 'CRM exporter',
        ownerEmail: 'aisha.okafor@acme.example',
        status: 'published',
        effectiveState: 'exposed',
      },
      {
        externalId: 'agent-pipeline-digest',
        name: 'Pipeline digest',
        ownerEmail: 'marcus.lee@acme.example',
        status: 'published',
        effectiveState: expect.any(String),
      },
      {
        externalId: 'agent-survey-helper',
        name: 'Survey helper',
        ownerEmail: 'jamie.chen@acme.example',
        status: 'deleted',
        effectiveState: 'none',
      },
      {
        externalId: 'agent-vendor-intake',
        name: 'Vendor intake',
        ownerEmail: 'priya.shah@acme.example',
        status: 'published',
        effectiveState: 'exposed',
      },
    ]);
    expect(await db.agentRun.count({ where: { workspaceId: ws, agentId: 'agent-pipeline-digest' } })).toBe(36);
    expect(
      await db.agentRun.findFirst({ where: { workspaceId: ws, status: 'failed' }, select: { failure: true } }),
    ).toEqual({ failure: 'failed: Salesforce rate limit' });
  });

  it('raises the alerts the story is about, and nothing from the quiet backfill weeks', async () => {
    // The runbook's own notices (the demo's incident and drill) are not detections from the logs.
    expect(await db.alert.count({ where: { workspaceId: ws, ruleId: 'tollgate-suspension' } })).toBe(2);
    const alerts = await db.alert.findMany({
      where: { workspaceId: ws, ruleId: { not: 'tollgate-suspension' } },
      select: { ruleId: true, severity: true, agentId: true },
      orderBy: [{ ruleId: 'asc' }, { at: 'asc' }],
    });
    expect(alerts).toEqual([
      { ruleId: 'tollgate-6001-shared-invocation-with-writes', severity: 'medium', agentId: 'agent-vendor-intake' },
      // Published with no approval in the publish review; the other two were approved before their publish.
      { ruleId: 'tollgate-6003-published-without-approval', severity: 'critical', agentId: 'agent-crm-exporter' },
      { ruleId: 'tollgate-6003-unapproved-write-by-trifecta', severity: 'high', agentId: 'agent-vendor-intake' },
      { ruleId: 'tollgate-6004-first-connector-action', severity: 'high', agentId: 'agent-crm-exporter' },
      { ruleId: 'tollgate-6004-first-connector-action', severity: 'medium', agentId: 'agent-vendor-intake' },
      { ruleId: 'tollgate-6004-first-connector-action', severity: 'medium', agentId: 'agent-vendor-intake' },
      { ruleId: 'tollgate-6005-agent-lifecycle', severity: 'medium', agentId: 'agent-survey-helper' },
      { ruleId: 'tollgate-6006-connector-granted', severity: 'critical', agentId: 'agent-vendor-intake' },
    ]);
  });

  it('has a published register and a review queue', async () => {
    const register = await db.registerEntry.findMany({
      where: { workspaceId: ws },
      orderBy: { effectiveAt: 'asc' },
      select: { externalId: true, approvers: true, supersededAt: true },
    });
    expect(register).toEqual([
      { externalId: 'agent-pipeline-digest', approvers: ['nora.walsh@acme.example'], supersededAt: null },
      { externalId: 'agent-vendor-intake', approvers: ['hana.sato@acme.example'], supersededAt: null },
    ]);
    const queue = await reviewQueue(db, ws);
    expect(queue.find((q) => q.externalId === 'agent-vendor-intake')?.reason).toBe('changed');
    expect(queue.find((q) => q.externalId === 'agent-crm-exporter')?.reason).toBe('new');
    expect(queue.some((q) => q.externalId === 'agent-pipeline-digest')).toBe(false);
  });
});
