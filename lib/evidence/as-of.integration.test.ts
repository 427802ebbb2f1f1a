// The instant a pack speaks for (issue 15, item 12). A pack of a running period generated minutes after the
// latest posture snapshot holds everything recorded up to its generation — the approval, the rejection and the
// suspension made since, the audit events since, a posture evaluated then — says "as of" that instant, and records
// it in manifest.json; two packs of an ended period keep byte-identical manifests, whatever happened since.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { classificationColumns } from '@/lib/agents/classification-columns.ts';
import { configHash } from '@/lib/agents/config-hash.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import type { Actor } from '@/lib/audit/record.ts';
import { signStep } from '@/lib/checklist/service.ts';
import { STEPS } from '@/lib/checklist/steps.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { takeSnapshot } from '@/lib/posture/snapshot.ts';
import { decide } from '@/lib/reviews/decisions.ts';
import { suspendAgent } from '@/lib/suspensions/service.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { generatePack } from './generate.ts';
import { newKey, readEntries, tmp } from './pack.fixture.ts';
import type { PackManifest, Period } from './types.ts';

const WS = 'ev-asof';
const DAY = 86_400_000;
const resolve = createAppResolver(builtinCatalogue('guide'));
const person = (name: string, role = 'reviewer') => ({
  id: `u-${name}`,
  label: `${name}@acme.example`,
  email: `${name}@acme.example`,
  role,
});
const rhea = person('rhea');
const grc: Actor = { id: null, label: 'greta.grc@acme.example', role: 'grc' };
const key = newKey();
const dir = tmp('asof');
let db: Db;

const gated: ConnectorInput[] = [
  { app: 'gmail', allowedTools: ['search', 'read', 'send'], approvals: 'always' },
  { app: 'notion', approvals: 'never' },
];
const exposed: ConnectorInput[] = [{ app: 'google-drive' }, { app: 'slack' }];

async function putAgent(externalId: string, connectors: ConnectorInput[]) {
  const hash = configHash(connectors);
  const data = {
    name: externalId,
    ownerEmail: 'olga@acme.example',
    status: 'published',
    apps: connectors.map((c) => c.app),
    connectors,
    configHash: hash,
    ...classificationColumns(classifyAgent(connectors, resolve, { configHash: hash })),
  };
  return db.agent.create({ data: { workspaceId: WS, externalId, ...data }, select: { id: true } });
}

async function pack(name: string, period: Period, now = new Date()) {
  const file = path.join(dir, name);
  const outcome = await generatePack(
    db,
    grc,
    { workspaceId: WS, scope: { framework: 'all' }, period },
    createWriteStream(file),
    key,
    { now },
  );
  const entries = await readEntries(file);
  const json = <T>(p: string) => JSON.parse(entries.get(p)!.toString('utf8')) as T;
  return {
    ...outcome,
    entries,
    json,
    manifest: json<PackManifest>('manifest.json'),
    html: entries.get('report/report.html')!.toString('utf8'),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

let snapshotAt: Date;
let snapshotExposed: number;
let startedAt: Date;

beforeAll(async () => {
  db = createDb(await createTestDatabase('evidence-asof'));
  startedAt = new Date();
  await createWorkspace(db, rhea, { id: WS, name: 'As of', kind: 'workspace', principal: null });
  for (const s of STEPS)
    await signStep(db, rhea, WS, { step: s.id, evidence: { url: `https://wiki.acme.example/checklist/${s.id}` } });
  await putAgent('ag-approve', gated);
  await putAgent('ag-reject', gated);
  const victim = await putAgent('ag-suspend', exposed);
  // "06:00": the latest posture snapshot.
  const snapshot = (await takeSnapshot(db, WS, 'change', new Date(), { force: true }))!;
  snapshotAt = snapshot.at;
  snapshotExposed = (snapshot.data as { counts: { trifecta: { exposed: number } } }).counts.trifecta.exposed;
  await tick();
  // "06:02" to "06:04": an approval, a rejection, a suspension and a new exposed agent, none in any snapshot.
  await decide(db, rhea, WS, 'ag-approve', {
    decision: 'approve',
    reason: 'Meets the policy.',
    sequence: 1,
    confirmedSteps: [1, 2, 3],
  });
  await decide(db, rhea, WS, 'ag-reject', {
    decision: 'reject',
    reason: 'Not needed.',
    sequence: 1,
    confirmedSteps: [],
  });
  await suspendAgent(
    db,
    { ...grc, role: 'incident-commander' },
    { workspaceId: WS, agentId: victim.id, reason: 'Trifecta alert', kind: 'incident' },
  );
  await putAgent('ag-new-exposed', exposed);
  await putAgent('ag-new-exposed-2', exposed);
  await tick();
});
afterAll(async () => db.$disconnect());

describe('a pack of a running period', () => {
  it('covers everything recorded up to its generation, not the last snapshot, and says as of when', async () => {
    const running = { from: new Date(startedAt.getTime() - DAY), to: new Date(startedAt.getTime() + DAY) };
    const generatedAt = new Date();
    const p = await pack('running.zip', running, generatedAt);

    expect(p.asOf.getTime()).toBe(generatedAt.getTime());
    expect(p.asOf.getTime()).toBeGreaterThan(snapshotAt.getTime());
    expect(p.manifest.asOf).toMatch(RFC3339_UTC);
    expect(new Date(p.manifest.asOf).getTime()).toBe(generatedAt.getTime());

    const decisions = p
      .json<{ externalId: string; decision: string }[]>('evidence/review-decisions.json')
      .map((d) => [d.externalId, d.decision]);
    expect(decisions).toEqual(
      expect.arrayContaining([
        ['ag-approve', 'approve'],
        ['ag-reject', 'reject'],
      ]),
    );
    expect(p.json<{ externalId: string }[]>('evidence/suspensions.json').map((s) => s.externalId)).toEqual([
      'ag-suspend',
    ]);
    expect(p.json<{ externalId: string }[]>('evidence/register.json').map((r) => r.externalId)).toContain('ag-approve');

    // The posture is evaluated at generation: two more exposed agents than the snapshot knew, one suspended.
    const agents = p.json<{ externalId: string; status: string }[]>('evidence/agents.json');
    expect(agents.find((a) => a.externalId === 'ag-suspend')?.status).toBe('suspended');
    expect(p.html).toContain(`${snapshotExposed + 2} exposed`);
    expect(p.html).toContain(`Scores as of ${p.manifest.asOf}`);
    expect(p.html).toContain(`${p.manifest.asOf} — the period had not ended`);
    expect(p.html).not.toContain('at the period’s end');
    // The OSCAL results end at that instant too, not at the period's future end.
    const oscal = p.json<{ 'assessment-results': { results: { start: string; end: string }[] } }>(
      'oscal/assessment-results.json',
    );
    expect(oscal['assessment-results'].results[0]!.end).toBe(p.asOf.toISOString());
  });

  it('holds exactly the audit events before asOf, and its chain check counts the same log', async () => {
    const running = { from: new Date(startedAt.getTime() - DAY), to: new Date(startedAt.getTime() + DAY) };
    const p = await pack('audit.zip', running);
    const extract = p.json<{ seq: string; action: string }[]>('evidence/audit-log.json');
    const expected = await db.auditEvent.findMany({
      where: { at: { gte: running.from, lt: p.asOf }, OR: [{ workspaceId: WS }, { workspaceId: null }] },
      orderBy: { seq: 'asc' },
      select: { seq: true },
    });
    expect(extract.map((e) => e.seq)).toEqual(expected.map((e) => e.seq.toString()));
    // The events recorded after the snapshot are in it: the decisions and the suspension.
    expect(extract.map((e) => e.action)).toEqual(expect.arrayContaining(['review.decide', 'agent.suspend']));
    const before = await db.auditEvent.count({ where: { at: { lt: p.asOf } } });
    expect(p.html).toContain(`chain intact (${before} events before ${p.asOf.toISOString()}`);
    // The pack's own audit event comes after its instant, so it is not in the pack.
    const own = await db.auditEvent.findFirstOrThrow({ where: { action: 'evidence.pack' }, orderBy: { seq: 'desc' } });
    expect(own.at.getTime()).toBeGreaterThanOrEqual(p.asOf.getTime());
    expect(extract.map((e) => e.seq)).not.toContain(own.seq.toString());
  });
});

describe('a period that has not started', () => {
  it('is refused in one sentence: there is nothing to speak for yet', async () => {
    const later = { from: new Date(Date.now() + DAY), to: new Date(Date.now() + 2 * DAY) };
    await expect(pack('future.zip', later)).rejects.toThrow(
      /^from: the period starts at .*, after now; there is no evidence for it yet\.$/,
    );
  });
});

describe('a pack of an ended period', () => {
  it('speaks for its end, and two packs of it keep byte-identical manifests whatever was recorded since', async () => {
    const ended = { from: new Date(startedAt.getTime() - DAY), to: new Date() };
    await tick();
    const a = await pack('ended-a.zip', ended);
    // Recorded after the period's end: in neither pack.
    await putAgent('ag-after-end', exposed);
    await decide(db, rhea, WS, 'ag-after-end', {
      decision: 'reject',
      reason: 'Too late.',
      sequence: 1,
      confirmedSteps: [],
    });
    await tick();
    const b = await pack('ended-b.zip', ended);
    expect(a.manifest.asOf).toBe(ended.to.toISOString().replace(/\.000Z$/, 'Z'));
    expect(b.entries.get('manifest.json')!.equals(a.entries.get('manifest.json')!)).toBe(true);
    expect(b.json<{ externalId: string }[]>('evidence/review-decisions.json').map((d) => d.externalId)).not.toContain(
      'ag-after-end',
    );
    expect(a.html).toContain(`Scores as of ${a.manifest.asOf}`);
    expect(a.html).toContain(`${a.manifest.asOf} — the period’s end`);
  });
});
