// The contract of the logs routes: the real puller (client.ts, pull.ts) reads the simulated platform
// (lib/platform-sim), both built from definition.ts — every file keeps the platform's id and checksum beside
// Tollgate's SHA-256; a file whose bytes do not match the checksum is refused (nothing of it stored, the cursor kept)
// and read again once the platform serves it right; a file served without a checksum is stored with none. Against a
// real PostgreSQL.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { createTestDatabase } from '@/test/db.ts';
import { pullWorkspace } from './pull.ts';

const PRINCIPAL = 'ws-logs-contract';
const KEY = 'sk-logs-contract';
const TYPE = 'CUSTOM_AGENTS_LOG';
let sim: PlatformSim;
let client: pg.Client;

beforeAll(async () => {
  sim = await startPlatformSim({ principal: PRINCIPAL, apiKey: KEY, source: arraySource([]) });
  client = new pg.Client({ connectionString: await createTestDatabase('logscontract') });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await sim.close();
});

const pull = () =>
  pullWorkspace(client, {
    workspaceId: 'ws-contract',
    settings: { baseUrl: sim.url, principal: PRINCIPAL, apiKey: KEY },
    logTypes: [TYPE],
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
const files = async () =>
  (
    await client.query<{ platformFileId: string; platformChecksum: string | null; sha256: string }>(
      `SELECT "platformFileId", "platformChecksum", sha256 FROM "LogFile" ORDER BY "startedAt", "platformFileId"`,
    )
  ).rows;
const storedEvents = async () =>
  (await client.query<{ eventId: string }>(`SELECT "eventId" FROM "LogEvent" ORDER BY at`)).rows.map((r) => r.eventId);

describe('Compliance Logs puller against the simulated platform', () => {
  it('keeps the platform checksum, refuses a file that does not match it, and stores one served without', async () => {
    const first = sim.logs.record(TYPE, 'AGENT_UNPUBLISHED', { agent_id: 'agent-1' });
    const second = sim.logs.record(TYPE, 'AGENT_DELETED', { agent_id: 'agent-2' });
    const [a, b] = sim.logs.files;
    sim.logs.setChecksum(b!.id, 'wrong');

    const [refused] = await pull();
    expect(refused!.error).toMatch(
      new RegExp(`^log ${b!.id} refused: its bytes hash to sha-256:[0-9a-f]{64}, but the platform's repr-digest says`),
    );
    expect(refused!.files).toBe(1);
    // The first file is stored with its checksum; the refused one left nothing, and the cursor did not move.
    expect(await storedEvents()).toEqual([first.event_id]);
    const [stored] = await files();
    expect(stored).toEqual({
      platformFileId: a!.id,
      platformChecksum: `sha-256:${stored!.sha256}`,
      sha256: stored!.sha256,
    });
    const cursor = await client.query(`SELECT after, failures FROM "PullCheckpoint" WHERE "logType" = $1`, [TYPE]);
    expect(cursor.rows).toEqual([{ after: null, failures: 1 }]);

    // Served right, the file is read again; a new file served with no checksum is stored with none.
    sim.logs.setChecksum(b!.id, 'right');
    const third = sim.logs.record(TYPE, 'AGENT_UNPUBLISHED', { agent_id: 'agent-3' });
    sim.logs.setChecksum(sim.logs.files[2]!.id, 'absent');
    const [again] = await pull();
    expect(again).toMatchObject({ error: null, files: 2, skipped: 1 });
    expect(await storedEvents()).toEqual([first.event_id, second.event_id, third.event_id]);
    const all = await files();
    expect(all.map((f) => f.platformFileId)).toEqual(sim.logs.files.map((f) => f.id));
    expect(all[1]!.platformChecksum).toBe(`sha-256:${all[1]!.sha256}`);
    expect(all[2]!.platformChecksum).toBeNull();
  });
});
