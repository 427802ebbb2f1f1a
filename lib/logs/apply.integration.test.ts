// Derived state from stored events against a real PostgreSQL: the reference sample's agent, run and alerts;
// late and out-of-order files give the same state as ordered ones; applying twice changes nothing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { agentsOfFile, applyAgentEvents } from './apply.ts';
import { ingestFile } from './store.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../../test/fixtures/compliance-logs/custom-agents-log.sample.jsonl');
const SAMPLE_PRINCIPAL = '9f1c2e3a-0b1d-4c2e-8a3f-1122334455aa';
const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-apply-'));
const actor = { id: null, label: 'test', role: 'admin' };
let db: Db;
let client: pg.Client;

beforeAll(async () => {
  const url = await createTestDatabase('apply');
  db = createDb(url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await db.$disconnect();
});

/** The sample's lines for another principal, so each test has its own workspace. */
function sampleFor(principal: string): string[] {
  return readFileSync(SAMPLE, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.replaceAll(SAMPLE_PRINCIPAL, principal).replace(/"event_id":"/, `"event_id":"${principal}-`));
}

async function ingestAndApply(name: string, lines: string[]) {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n'));
  const stored = await ingestFile(client, file, { source: 'cli', startedBy: 'test' });
  const outcomes = [];
  for (const [principal, agents] of await agentsOfFile(db, stored.fileId))
    outcomes.push(await applyAgentEvents(db, principal, agents));
  return outcomes;
}

async function stateOf(workspaceId: string) {
  const agents = await db.agent.findMany({
    where: { workspaceId },
    select: {
      externalId: true,
      name: true,
      ownerEmail: true,
      status: true,
      apps: true,
      configHash: true,
      versionId: true,
      effectiveState: true,
      publishedConfigHash: true,
      history: { select: { kind: true, eventId: true, at: true }, orderBy: [{ at: 'asc' }, { eventId: 'asc' }] },
    },
  });
  const runs = await db.agentRun.findMany({
    where: { workspaceId },
    select: { runId: true, status: true, durationMs: true, calls: true },
  });
  const alerts = await db.alert.findMany({
    where: { workspaceId },
    select: { key: true, ruleId: true, severity: true, eventIds: true, message: true },
    orderBy: { key: 'asc' },
  });
  return { agents, runs, alerts };
}

describe('derived state from Compliance Logs', () => {
  it('builds the reference sample’s agent, its run and its alerts, and applying again changes nothing', async () => {
    await createWorkspace(db, actor, { id: 'ws-sample', name: 'Sample', kind: 'workspace', principal: 'p-sample' });
    const [outcome] = await ingestAndApply('sample.jsonl', sampleFor('p-sample'));
    expect(outcome).toMatchObject({ workspaceId: 'ws-sample', agents: 1, runs: 1 });
    const state = await stateOf('ws-sample');
    expect(state.agents).toEqual([
      expect.objectContaining({
        externalId: 'agent-123',
        name: 'Sales Ops Agent',
        ownerEmail: 'alice.martin@example.com',
        status: 'deleted',
        apps: ['salesforce'],
        versionId: 'version-7',
      }),
    ]);
    expect(state.agents[0]!.history.map((h) => h.kind)).toEqual([
      'agent_published',
      'agent_created',
      'agent_updated',
      'agent_deleted',
    ]);
    expect(state.runs).toEqual([
      expect.objectContaining({
        status: 'failed',
        durationMs: 399_000,
        calls: [expect.objectContaining({ connectorId: 'salesforce', action: 'read', status: 'success' })],
      }),
    ]);
    expect(state.alerts.map((a) => a.ruleId)).toContain('tollgate-6005-agent-lifecycle');

    expect((await applyAgentEvents(db, 'p-sample', ['agent-123'])).alerts).toEqual([]);
    expect(await stateOf('ws-sample')).toEqual(state);
  });

  it('gives the same state for out-of-order and late files as for ordered ones', async () => {
    await createWorkspace(db, actor, { id: 'ws-ordered', name: 'Ordered', kind: 'workspace', principal: 'p-ordered' });
    await createWorkspace(db, actor, { id: 'ws-late', name: 'Late', kind: 'workspace', principal: 'p-late' });
    const ordered = sampleFor('p-ordered').sort((a, b) => (JSON.parse(a).timestamp < JSON.parse(b).timestamp ? -1 : 1));
    await ingestAndApply('ordered.jsonl', ordered);
    const late = sampleFor('p-late');
    await ingestAndApply('late-2.jsonl', late.slice(6));
    await ingestAndApply('late-1.jsonl', late.slice(0, 6).reverse());
    const strip = (s: Awaited<ReturnType<typeof stateOf>>, principal: string) =>
      JSON.parse(JSON.stringify(s).replaceAll(`${principal}-`, ''));
    expect(strip(await stateOf('ws-late'), 'p-late')).toEqual(strip(await stateOf('ws-ordered'), 'p-ordered'));
  });

  it('holds events of an unregistered principal without deriving anything', async () => {
    const [outcome] = await ingestAndApply('unknown.jsonl', sampleFor('p-nobody'));
    expect(outcome).toEqual({ workspaceId: null, agents: 0, runs: 0, alerts: [] });
    expect(
      Number((await client.query(`SELECT count(*) AS n FROM "LogEvent" WHERE "principalId" = 'p-nobody'`)).rows[0].n),
    ).toBe(13);
  });
});

describe('a principal registered after its logs arrived', () => {
  it('turns the held events into the new workspace’s agents and alerts', async () => {
    const { applyPrincipal } = await import('./pipeline.ts');
    await ingestAndApply('held.jsonl', sampleFor('p-held'));
    await createWorkspace(db, actor, { id: 'ws-held', name: 'Held', kind: 'workspace', principal: 'p-held' });
    expect(await applyPrincipal(db, 'p-held')).toMatchObject({ agents: 1, runs: 1, heldPrincipals: [] });
    expect(await db.agent.count({ where: { workspaceId: 'ws-held' } })).toBe(1);
  });
});
