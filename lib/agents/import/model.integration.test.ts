// The set-based commit (decision 0037) against a model of what an import means, on random fleets: export → import
// → change some agents, drop some, add some → import → the first export again. After each import every agent's
// row, its whole history, its latest version and the outcome's counts are what the model says.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { classifyConfig } from './preview-risk.ts';
import { loadRiskContext } from './risk-context.ts';
import { commitImport, previewImport } from './service.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const APPS = ['Gmail', 'Slack', 'Google Drive', 'Zapier', 'mcp:crm', 'Notion', 'GitHub'];
const NAMES = ['Alpha', 'Beta, the second', 'Say "hi"', 'Multi\nline', 'Δ'];
const OWNERS = ['ann@acme.com', 'bob@acme.com', 'cy@acme.com'];
const STATUSES = ['', 'draft', 'published', 'suspended'];
let db: Db;
let runs = 0;

beforeAll(async () => {
  db = createDb(await createTestDatabase('import_model'));
});
afterAll(async () => {
  await db.$disconnect();
});

type Row = { id: string; name: string; owner: string; apps: string[]; status: string };
type Expected = {
  name: string;
  owner: string;
  apps: string[];
  status: string;
  inLatestExport: boolean;
  history: [string, unknown][];
  versions: number;
};

const row = fc.record({
  name: fc.constantFrom(...NAMES),
  owner: fc.constantFrom(...OWNERS),
  apps: fc.uniqueArray(fc.constantFrom(...APPS), { minLength: 0, maxLength: 4 }),
  status: fc.constantFrom(...STATUSES),
});
const fleet = fc.array(row, { minLength: 1, maxLength: 20 });
/** What happens to each agent of the first export in the second: kept, changed, or left out. */
const fate = fc.oneof(
  { arbitrary: fc.constant({ kind: 'keep' as const }), weight: 6 },
  { arbitrary: row.map((r) => ({ kind: 'change' as const, to: r })), weight: 2 },
  { arbitrary: fc.constant({ kind: 'drop' as const }), weight: 1 },
);

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: Row[]) =>
  [
    'agent_id,agent_name,owner_email,connected_apps,status',
    ...rows.map((r) => [r.id, r.name, r.owner, r.apps.join(';'), r.status].map(quote).join(',')),
  ].join('\n');

/** The model: what an import of `rows` does to the expected inventory, written without the service's code. */
function apply(model: Map<string, Expected>, rows: Row[], full: boolean) {
  const counts = { created: 0, changed: 0, unchanged: 0, missing: 0 };
  const listed = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const a = model.get(r.id);
    if (!a) {
      counts.created++;
      model.set(r.id, {
        name: r.name,
        owner: r.owner,
        apps: r.apps,
        status: r.status || 'unknown',
        inLatestExport: true,
        history: [['created', { apps: r.apps, ownerEmail: r.owner, name: r.name }]],
        versions: 1,
      });
      continue;
    }
    const changes: [string, unknown][] = [];
    if (!a.inLatestExport) changes.push(['back_in_export', {}]);
    if (r.name !== a.name) changes.push(['renamed', { from: a.name, to: r.name }]);
    if (r.owner !== a.owner) changes.push(['owner_changed', { from: a.owner, to: r.owner }]);
    if (r.status && r.status !== a.status) changes.push(['status_changed', { from: a.status, to: r.status }]);
    const added = r.apps.filter((x) => !a.apps.includes(x));
    const removed = a.apps.filter((x) => !r.apps.includes(x));
    if (added.length || removed.length) changes.push(['apps_changed', { added, removed }]);
    if (changes.length === 0) {
      counts.unchanged++;
      continue;
    }
    counts.changed++;
    Object.assign(a, { name: r.name, owner: r.owner, apps: r.apps, inLatestExport: true });
    if (r.status) a.status = r.status;
    a.history.push(...changes);
    a.versions++;
  }
  if (full)
    for (const [id, a] of model)
      if (a.inLatestExport && !listed.has(id)) {
        counts.missing++;
        a.inLatestExport = false;
        a.history.push(['missing_from_export', {}]);
        a.versions++;
      }
  return counts;
}

async function importRows(ws: string, rows: Row[], full: boolean) {
  const { id } = await previewImport(db, actor, ws, {
    filename: 'e.csv',
    content: Buffer.from(csv(rows)),
    fullExport: full,
  });
  return commitImport(db, actor, ws, id, { skipInvalid: false });
}

async function expectInventory(ws: string, model: Map<string, Expected>) {
  const context = await loadRiskContext(db, ws, new Date());
  const agents = await db.agent.findMany({
    where: { workspaceId: ws },
    include: { history: { orderBy: { id: 'asc' } } },
    orderBy: { externalId: 'asc' },
  });
  expect(agents.map((a) => a.externalId)).toEqual([...model.keys()].sort());
  const versions = await db.recordVersion.findMany({
    where: { workspaceId: ws, entity: 'agent' },
    orderBy: { id: 'asc' },
  });
  for (const agent of agents) {
    const m = model.get(agent.externalId)!;
    const config = classifyConfig(
      m.apps.map((app) => ({ app })),
      context,
    );
    expect({
      name: agent.name,
      owner: agent.ownerEmail,
      apps: agent.apps,
      status: agent.status,
      inLatestExport: agent.inLatestExport,
      history: agent.history.map((h) => [h.kind, h.detail]),
      appIds: agent.appIds,
      effectiveState: agent.effectiveState,
      configHash: agent.configHash,
      legs: agent.legs,
    }).toEqual({
      name: m.name,
      owner: m.owner,
      apps: m.apps,
      status: m.status,
      inLatestExport: m.inLatestExport,
      history: m.history,
      appIds: config.appIds,
      effectiveState: config.effectiveState,
      configHash: config.configHash,
      legs: config.legs,
    });
    const mine = versions.filter((v) => v.entityId === agent.id);
    expect(mine).toHaveLength(m.versions);
    expect(mine.at(-1)!.data).toMatchObject({ name: m.name, apps: m.apps, inLatestExport: m.inLatestExport });
  }
}

describe('import against its model', () => {
  it('leaves the rows, history and versions the model expects, import after import', async () => {
    await fc.assert(
      fc.asyncProperty(
        fleet,
        fc.array(fate, { minLength: 20, maxLength: 20 }),
        fc.array(row, { maxLength: 4 }),
        fc.boolean(),
        async (first, fates, added, secondFull) => {
          const ws = `ws-model-${++runs}`;
          await createWorkspace(db, actor, { id: ws, name: ws, kind: 'workspace', principal: null });
          const e1: Row[] = first.map((r, i) => ({ ...r, id: `ag-${i}` }));
          const e2: Row[] = [];
          e1.forEach((r, i) => {
            const f = fates[i]!;
            if (f.kind === 'keep') e2.push(r);
            if (f.kind === 'change') e2.push({ ...f.to, id: r.id });
          });
          e2.push(...added.map((r, i) => ({ ...r, id: `new-${i}` })));
          const model = new Map<string, Expected>();
          for (const [rows, full] of [
            [e1, true],
            [e2, secondFull],
            [e1, true],
          ] as const) {
            const expected = apply(model, rows, full);
            const outcome = await importRows(ws, rows, full);
            expect({ ...outcome, skipped: undefined, newlyTrifecta: undefined }).toMatchObject(expected);
            await expectInventory(ws, model);
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 180_000);
});
