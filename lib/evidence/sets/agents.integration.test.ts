// The agent inventory "as of" against a real PostgreSQL: two exports a month apart (time injected); a date
// between them shows the first export's state, a date after shows the second's — a changed agent's apps, a deleted
// agent with its status, one missing from the export — and the CSV is formula-safe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { agentRows, agentsSet } from './agents.ts';
import { collect, csvObjects, setFiles } from './sets.fixture.ts';
import type { SetContext } from './types.ts';

const admin = { id: null, label: 'test-admin', role: 'admin' };
const DAY = 86_400_000;
const T1 = new Date('2026-01-10T09:00:00.000Z');
const T2 = new Date('2026-02-10T09:00:00.000Z');
const HEADER = 'agent_id,agent_name,owner_email,connected_apps,status';
const WS = 'ws-sets-agents';
let db: Db;
let afterT1: Map<string, Record<string, unknown>>;
let afterT2: Map<string, Record<string, unknown>>;

const ctx = (asOf: Date): SetContext => ({
  workspaceId: WS,
  period: { from: new Date('2026-01-01T00:00:00Z'), to: asOf },
  asOf,
});
const rowsAt = async (asOf: Date) =>
  new Map((await collect(agentsSet.rows(db, ctx(asOf)))).map((r) => [r.externalId as string, r]));

async function importAt(lines: string[], now: Date) {
  const { id } = await previewImport(db, admin, WS, {
    filename: 'agents.csv',
    content: Buffer.from([HEADER, ...lines].join('\n')),
    fullExport: true,
  });
  await commitImport(db, admin, WS, id, { skipInvalid: false, now });
}

/** The live rows, as the set would show them (the state right after an import). */
async function live() {
  const agents = await db.agent.findMany({ where: { workspaceId: WS } });
  return new Map(agents.map((a) => [a.externalId, a]));
}

beforeAll(async () => {
  db = createDb(await createTestDatabase('sets_agents'));
  await createWorkspace(db, admin, { id: WS, name: WS, kind: 'workspace', principal: null });
  await importAt(
    [
      'a,Alpha,ann@acme.com,Google Drive,published',
      'b,Beta,bob@acme.com,Slack,published',
      'c,Gamma,cy@acme.com,Notion,draft',
      'e,"=HYPERLINK(""http://evil""),""x"")",eve@acme.com,@Slack,draft',
    ],
    T1,
  );
  afterT1 = new Map([...(await live())].map(([k, v]) => [k, v as unknown as Record<string, unknown>]));
  await importAt(
    [
      'a,Alpha,ann@acme.com,Google Drive;Slack;Gmail,published',
      'b,Beta,bob@acme.com,Slack,deleted',
      'd,Delta,dan@acme.com,Gmail,draft',
      'e,"=HYPERLINK(""http://evil""),""x"")",eve@acme.com,@Slack,draft',
    ],
    T2,
  );
  afterT2 = new Map([...(await live())].map(([k, v]) => [k, v as unknown as Record<string, unknown>]));
});
afterAll(async () => {
  await db.$disconnect();
});

const COMPARED = [
  'name',
  'ownerEmail',
  'status',
  'apps',
  'legCount',
  'trifecta',
  'effectiveState',
  'configHash',
  'inLatestExport',
] as const;
const pick = (r: Record<string, unknown>) => Object.fromEntries(COMPARED.map((k) => [k, r[k]]));

describe('agents evidence set', () => {
  it('shows, for a date between the exports, every agent as the first export left it', async () => {
    const rows = await rowsAt(new Date(T1.getTime() + 5 * DAY));
    expect([...rows.keys()]).toEqual(['a', 'b', 'c', 'e']);
    for (const [id, row] of rows) expect(pick(row), id).toEqual(pick(afterT1.get(id)!));
    expect(rows.get('a')).toMatchObject({
      apps: ['Google Drive'],
      status: 'published',
      stateSince: T1.toISOString(),
      firstSeenAt: T1.toISOString(),
    });
    expect(rows.get('b')).toMatchObject({ status: 'published' });
    expect(rows.get('c')).toMatchObject({ inLatestExport: true });
  });

  it('shows, after the second export, changed apps, the deleted agent with its status, the missing one', async () => {
    const rows = await rowsAt(new Date(T2.getTime() + DAY));
    expect([...rows.keys()]).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const [id, row] of rows) expect(pick(row), id).toEqual(pick(afterT2.get(id)!));
    expect(rows.get('a')).toMatchObject({
      apps: ['Google Drive', 'Slack', 'Gmail'],
      stateSince: T2.toISOString(),
      firstSeenAt: T1.toISOString(),
    });
    expect(rows.get('a')!.configHash).not.toBe(afterT1.get('a')!.configHash);
    expect(rows.get('b')).toMatchObject({ status: 'deleted', stateSince: T2.toISOString() });
    expect(rows.get('c')).toMatchObject({ status: 'draft', inLatestExport: false, stateSince: T2.toISOString() });
    // Unchanged by the second export: still the version of the first.
    expect(rows.get('e')).toMatchObject({ stateSince: T1.toISOString() });
  });

  it('leaves out what happened at the instant asOf itself (the period end is exclusive)', async () => {
    expect((await rowsAt(T1)).size).toBe(0);
    const atT2 = await rowsAt(T2);
    expect([...atT2.keys()]).toEqual(['a', 'b', 'c', 'e']);
    expect(atT2.get('a')).toMatchObject({ apps: ['Google Drive'] });
  });

  it('writes the legs as columns, the status in both files, and formula-safe CSV cells', async () => {
    const { csv, json } = await setFiles(db, agentsSet, ctx(new Date(T2.getTime() + DAY)));
    const records = csvObjects(csv);
    expect(Object.keys(records[0]!)).toEqual(agentsSet.columns);
    const a = records.find((r) => r.externalId === 'a')!;
    const legs = afterT2.get('a')!.legs as Record<string, string[]>;
    expect(a.private_data).toBe(legs.private_data!.join('; '));
    expect(a.external_send).toBe(legs.external_send!.join('; '));
    expect(records.find((r) => r.externalId === 'b')!.status).toBe('deleted');
    const evil = records.find((r) => r.externalId === 'e')!;
    expect(evil.name).toBe(`'=HYPERLINK("http://evil"),"x")`);
    expect(evil.apps).toBe(`'@Slack`);
    const parsed = JSON.parse(json) as Record<string, unknown>[];
    expect(parsed.find((r) => r.externalId === 'b')).toMatchObject({ status: 'deleted' });
    // JSON keeps the value as it is (it is no spreadsheet), with the connectors too.
    expect(parsed.find((r) => r.externalId === 'e')).toMatchObject({
      name: '=HYPERLINK("http://evil"),"x")',
      connectors: [{ app: '@Slack' }],
    });
  });

  it('gives byte-identical files twice, and reads in pages of agents in externalId order', async () => {
    const asOf = new Date(T2.getTime() + DAY);
    const first = await setFiles(db, agentsSet, ctx(asOf));
    expect(await setFiles(db, agentsSet, ctx(asOf))).toEqual(first);
    expect(first.csv).not.toEqual((await setFiles(db, agentsSet, ctx(new Date(T1.getTime() + DAY)))).csv);
    // Pages of two agents give the same rows as one page.
    expect(await collect(agentRows(db, ctx(asOf), 2))).toEqual(await collect(agentsSet.rows(db, ctx(asOf))));
    expect((await collect(agentRows(db, ctx(asOf), 2))).map((r) => r.externalId)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
