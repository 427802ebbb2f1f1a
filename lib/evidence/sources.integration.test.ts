// A pack traceable to the platform (decision 0039): the puller reads the simulated platform's log files (each with
// its Repr-Digest), the events are applied to an agent and an alert names one; the pack's agents row names the
// event behind its state, and the sources set lists every named event with the platform's file id and checksum and
// Tollgate's SHA-256 — and the pack verifies.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { applyFile } from '@/lib/logs/pipeline.ts';
import { pullWorkspace } from '@/lib/logs/puller/pull.ts';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { createTestDatabase } from '@/test/db.ts';
import { generatePack } from './generate.ts';
import { newKey, readEntries, tmp } from './pack.fixture.ts';
import { SOURCE_COLUMNS } from './sets/sources.ts';
import { verifyPack } from './pack-verify.ts';

const PRINCIPAL = 'ws-sources-principal';
const WS = 'ws-sources';
const KEY = 'sk-sources';
let sim: PlatformSim;
let db: Db;
let client: pg.Client;

beforeAll(async () => {
  const url = await createTestDatabase('sources');
  db = createDb(url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await db.workspace.create({ data: { id: WS, name: 'Sources', principal: PRINCIPAL } });
  sim = await startPlatformSim({ principal: PRINCIPAL, apiKey: KEY, source: arraySource([]) });
});
afterAll(async () => {
  await client.end();
  await db.$disconnect();
  await sim.close();
});

const rowsOf = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as Record<string, unknown>[];

describe('a pack traceable to the platform', () => {
  it('names the events behind its rows and lists each with the platform file and both checksums', async () => {
    const created = sim.logs.record('CUSTOM_AGENTS_LOG', 'AGENT_CREATED', {
      agent_id: 'agent-src',
      version_id: 'v1',
      agent_fields: { name: 'Source Agent', tools: { connectors: [] } },
    });
    const published = sim.logs.record('CUSTOM_AGENTS_LOG', 'AGENT_PUBLISHED', { agent_id: 'agent-src' });
    const [outcome] = await pullWorkspace(client, {
      workspaceId: WS,
      settings: { baseUrl: sim.url, principal: PRINCIPAL, apiKey: KEY },
      logTypes: ['CUSTOM_AGENTS_LOG'],
      onFileStored: (fileId) => applyFile(db, fileId),
    });
    expect(outcome).toMatchObject({ error: null, files: 2 });
    await db.alert.create({
      data: {
        workspaceId: WS,
        key: 'sources-test',
        ruleId: 'tollgate-test',
        title: 'Published',
        severity: 'low',
        agentId: 'agent-src',
        eventIds: [published.event_id as string],
        message: 'an alert naming the publish event',
        at: new Date(),
      },
    });

    const file = path.join(tmp('sources'), 'pack.zip');
    const now = new Date();
    const period = { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 86_400_000) };
    const key = newKey();
    await generatePack(
      db,
      { id: null, label: 'greta.grc@demo.tollgate.local', role: 'grc' },
      { workspaceId: WS, scope: { framework: 'all' }, period },
      createWriteStream(file),
      key,
      { now: new Date(now.getTime() + 1000) },
    );
    expect(await verifyPack(file)).toMatchObject({ ok: true });
    const entries = await readEntries(file);

    const agent = rowsOf(entries.get('evidence/agents.json')!).find((a) => a.externalId === 'agent-src');
    expect(agent?.lastEventId).toBe(published.event_id);
    const files = await db.logFile.findMany({ orderBy: { startedAt: 'asc' } });
    expect(files.map((f) => f.platformFileId)).toEqual(sim.logs.files.map((f) => f.id));
    const publishedFile = files[1]!;
    expect(rowsOf(entries.get('evidence/sources.json')!)).toEqual([
      expect.objectContaining({
        eventId: published.event_id,
        stored: true,
        eventType: 'AGENT_PUBLISHED',
        fileSource: 'puller',
        fileSha256: publishedFile.sha256,
        platformFileId: sim.logs.files[1]!.id,
        platformChecksum: `sha-256:${publishedFile.sha256}`,
        namedBy: ['agents', 'alerts'],
      }),
    ]);
    expect(created.event_id).not.toBe(published.event_id);
    const csv = entries.get('evidence/sources.csv')!.toString('utf8').split('\n');
    expect(csv[0]).toBe(SOURCE_COLUMNS.join(','));
    expect(SOURCE_COLUMNS).toEqual(expect.arrayContaining(['fileSha256', 'platformFileId', 'platformChecksum']));
    expect(csv[1]).toContain(`sha-256:${publishedFile.sha256}`);
    expect(entries.get('report/report.html')!.toString('utf8')).toContain('Sources: the platform files and events');
  });
});
