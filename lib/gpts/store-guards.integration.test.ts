// The agent code paths that write or reclassify Agent rows leave custom GPTs to the GPT store, against a real
// PostgreSQL: an agent export never marks a GPT "not in latest export" nor rewrites it, and a reclassification
// (catalogue, action control, exceptions) classifies a GPT by its parts, never by connectors it does not have.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { reclassifyWorkspace } from '@/lib/agents/reclassify.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { adaptGpt } from '@/lib/gpts/adapter.ts';
import type { RawConfig, RawGpt, RawSharedUser } from '@/lib/gpts/platform/definition.ts';
import { agentsOfFile, applyAgentEvents } from '@/lib/logs/apply.ts';
import { ingestFile } from '@/lib/logs/store.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { storeGpts } from './store.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const WS = 'ws-gpt-guards';
const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z')).slice(0, 6);
let db: Db;
let url: string;

beforeAll(async () => {
  url = await createTestDatabase('gpt_guards');
  db = createDb(url);
  await createWorkspace(db, actor, { id: WS, name: WS, kind: 'workspace', principal: null });
  const items = await Promise.all(
    DEMO.map(async (d) => ({
      adapted: await adaptGpt({
        gpt: d.gpt as RawGpt,
        configs: d.configs as RawConfig[],
        sharedUsers: d.sharedUsers as RawSharedUser[],
      }),
    })),
  );
  await storeGpts(db, WS, items, { source: 'file' });
});
afterAll(async () => {
  await db.$disconnect();
});

const gptRows = () =>
  db.agent.findMany({ where: { workspaceId: WS, kind: 'custom_gpt' }, orderBy: { externalId: 'asc' } });

async function importCsv(csv: string, skipInvalid = false) {
  const { id } = await previewImport(db, actor, WS, { filename: 'a.csv', content: Buffer.from(csv), fullExport: true });
  return commitImport(db, actor, WS, id, { skipInvalid });
}

describe('agent paths and custom GPTs', () => {
  it('a full agent export neither marks GPTs missing nor touches them', async () => {
    const before = await gptRows();
    expect(before).toHaveLength(DEMO.length);
    const outcome = await importCsv('agent_id,agent_name,owner_email,connected_apps\nmail,Mail,a@acme.example,Gmail\n');
    expect(outcome.missing).toBe(0);
    expect(await gptRows()).toEqual(before);
    const gptHistory = await db.agentHistory.count({
      where: { agent: { workspaceId: WS, kind: 'custom_gpt' }, kind: { not: 'created' } },
    });
    expect(gptHistory).toBe(0);
  });

  it('an agent export row that names a GPT is refused as an invalid row, and the GPT stays as it was', async () => {
    const gptId = String(DEMO[0]!.gpt.id);
    const before = await gptRows();
    const csv =
      'agent_id,agent_name,owner_email,connected_apps\nmail,Mail,a@acme.example,Gmail\n' +
      `${gptId},Fake,b@acme.example,Slack\n`;
    const { id } = await previewImport(db, actor, WS, {
      filename: 'b.csv',
      content: Buffer.from(csv),
      fullExport: true,
    });
    const preview = (await db.inventoryImport.findUniqueOrThrow({ where: { id } })).preview as {
      errors: { line: number; agentId: string; reason: string }[];
    };
    expect(preview.errors).toEqual([{ line: 3, agentId: gptId, reason: 'a custom GPT already has this id' }]);
    await commitImport(db, actor, WS, id, { skipInvalid: true });
    expect(await gptRows()).toEqual(before);
  });

  it('reclassifying the workspace classifies each GPT by its parts, as the store did', async () => {
    const before = await gptRows();
    const trifectas = before.filter((r) => r.trifecta);
    expect(trifectas.length).toBeGreaterThan(0);
    await db.$transaction(async (tx) => reclassifyWorkspace(tx, WS, await currentCatalogue(tx, WS)));
    const after = await gptRows();
    expect(after.map((r) => [r.externalId, r.legs, r.effectiveState, r.breakApps])).toEqual(
      before.map((r) => [r.externalId, r.legs, r.effectiveState, r.breakApps]),
    );
  });

  it('an agent log event that names a GPT id leaves the GPT as the GPT read stored it', async () => {
    // The Compliance Logs sample's events are about agent-123; here a GPT holds that id.
    const principal = 'p-gpt-guards';
    await createWorkspace(db, actor, { id: 'ws-gpt-logs', name: 'logs', kind: 'workspace', principal });
    const d = DEMO[1]!;
    const adapted = await adaptGpt({
      gpt: { ...(d.gpt as RawGpt), id: 'agent-123' },
      configs: d.configs as RawConfig[],
    });
    await storeGpts(db, 'ws-gpt-logs', [{ adapted }], { source: 'api' });
    const before = await db.agent.findFirstOrThrow({ where: { workspaceId: 'ws-gpt-logs', externalId: 'agent-123' } });

    const sample = path.resolve(
      import.meta.dirname,
      '../../test/fixtures/compliance-logs/custom-agents-log.sample.jsonl',
    );
    const lines = readFileSync(sample, 'utf8').replaceAll('9f1c2e3a-0b1d-4c2e-8a3f-1122334455aa', principal);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tollgate-gpt-logs-')), 'agents.jsonl');
    writeFileSync(file, lines);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const stored = await ingestFile(client, file, { source: 'cli', startedBy: 'test' });
    await client.end();
    for (const [p, agents] of await agentsOfFile(db, stored.fileId)) await applyAgentEvents(db, p, agents);

    const after = await db.agent.findFirstOrThrow({ where: { workspaceId: 'ws-gpt-logs', externalId: 'agent-123' } });
    expect(after).toEqual(before);
    expect(await db.agentHistory.count({ where: { agentId: after.id, eventId: { not: null } } })).toBe(0);
  });
});
