// The whole wire, act → answer → logs, with the real pieces at both ends: the act client unpublishes an agent and
// isolates a GPT on the simulated platform, and the REAL puller (pullWorkspace) reads the events those acts wrote
// from the simulator's feed into PostgreSQL — with their client_id, their target and a time after the call, which
// is what confirmation matches on (docs/decisions/0026). The feed's cursor then brings only what is new.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullWorkspace } from '@/lib/logs/puller/pull.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { createTestDatabase } from '@/test/db.ts';
import { sendAction } from './act-client.ts';
import { COMPLIANCE_API_CLIENT_ID, CONFIRMING_EVENTS } from './kinds.ts';

const PRINCIPAL = 'ws-wire';
const READ = 'sk-read-wire';
const ACT = 'sk-act-wire';
const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z'));
const SHARED = DEMO.find((d) => d.sharedUsers.length > 0)!.gpt.id as string;
const retry = { attempts: 2, baseDelayMs: 1, maxDelayMs: 10, sleep: async () => {} };

let sim: PlatformSim;
let client: pg.Client;
beforeAll(async () => {
  sim = await startPlatformSim({
    principal: PRINCIPAL,
    apiKey: READ,
    actKey: ACT,
    agents: [
      { id: 'agent-wire-1', name: 'Wire one' },
      { id: 'agent-wire-2', name: 'Wire two' },
    ],
    source: arraySource(DEMO),
  });
  client = new pg.Client({ connectionString: await createTestDatabase('wire') });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await sim?.close();
});

type Stored = {
  eventId: string;
  type: string;
  eventType: string;
  agentId: string | null;
  at: Date;
  record: Record<string, unknown>;
};
const stored = async () =>
  (
    await client.query<Stored>(
      `SELECT "eventId", type, "eventType", "agentId", at, record FROM "LogEvent" WHERE "principalId" = $1
       ORDER BY at`,
      [PRINCIPAL],
    )
  ).rows;

describe('act, then pull', () => {
  it("stores the acts' events, read by the puller from the platform, with their client_id and target", async () => {
    const act = { baseUrl: sim.url, principal: PRINCIPAL, actKey: ACT };
    const read = { baseUrl: sim.url, principal: PRINCIPAL, apiKey: READ };
    const calledAt = Date.now();
    expect(await sendAction(act, 'unpublish_agent', { targetId: 'agent-wire-1' }, 'wire-1')).toMatchObject({
      status: 200,
    });
    expect(await sendAction(act, 'isolate_gpt', { targetId: SHARED }, 'wire-2')).toMatchObject({ status: 200 });

    const options = { workspaceId: 'ws-wire', settings: read, logTypes: ['CUSTOM_AGENTS_LOG', 'AUDIT_LOG'], retry };
    const outcomes = await pullWorkspace(client, options);
    expect(outcomes.map((o) => [o.logType, o.files, o.inserted, o.error])).toEqual([
      ['CUSTOM_AGENTS_LOG', 1, 1, null],
      ['AUDIT_LOG', 1, 1, null],
    ]);
    const [unpublished, isolated] = await stored();
    expect(unpublished).toMatchObject({
      type: 'CUSTOM_AGENTS_LOG',
      eventType: 'AGENT_UNPUBLISHED',
      agentId: 'agent-wire-1',
    });
    expect(unpublished!.record.client_id).toBe(COMPLIANCE_API_CLIENT_ID);
    expect(CONFIRMING_EVENTS.unpublish_agent).toContain(unpublished!.eventType);
    expect(unpublished!.at.getTime()).toBeGreaterThanOrEqual(calledAt);
    expect(isolated).toMatchObject({ type: 'AUDIT_LOG', eventType: 'GPT_SHARED_USERS_REMOVED' });
    expect(isolated!.record).toMatchObject({ client_id: COMPLIANCE_API_CLIENT_ID, event_details: { gpt_id: SHARED } });
    // Stored as the puller's, not an upload: only these may confirm an action.
    const files = await client.query(
      `SELECT DISTINCT f.source FROM "LogFile" f JOIN "LogEvent" e ON e."fileId" = f.id
      WHERE e."principalId" = $1`,
      [PRINCIPAL],
    );
    expect(files.rows).toEqual([{ source: 'puller' }]);

    // The cursor moved: the next pull brings only the next act.
    expect(await sendAction(act, 'delete_agent', { targetId: 'agent-wire-2' }, 'wire-3')).toMatchObject({
      status: 200,
    });
    const [agents] = await pullWorkspace(client, { ...options, logTypes: ['CUSTOM_AGENTS_LOG'] });
    expect([agents!.files, agents!.skipped, agents!.inserted]).toEqual([1, 0, 1]);
    expect((await stored()).map((e) => e.eventType)).toEqual([
      'AGENT_UNPUBLISHED',
      'GPT_SHARED_USERS_REMOVED',
      'AGENT_DELETED',
    ]);
  });

  it('reads the feed with the read key only: the act key pulling is refused with 403', async () => {
    const [outcome] = await pullWorkspace(client, {
      workspaceId: 'ws-wire-act',
      settings: { baseUrl: sim.url, principal: PRINCIPAL, apiKey: ACT },
      logTypes: ['CUSTOM_AGENTS_LOG'],
      retry,
    });
    expect(outcome!.error).toMatch(/403: .*read scope/);
  });
});
