// The other evidence sets against a real PostgreSQL (time injected): the register in effect at a date, review
// decisions, checklist sign-offs, suspensions, alerts and attestations within or before the period — and every
// set of the whole programme giving byte-identical CSV and JSON twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { signStep } from '@/lib/checklist/service.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { attestableControls } from '@/lib/posture/attestation-state.ts';
import { attest, revokeAttestation } from '@/lib/posture/attestations.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { confirmSuspended, suspendAgent } from '@/lib/suspensions/service.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { alertsSet } from './alerts.ts';
import { attestationsSet } from './attestations.ts';
import { checklistSet } from './checklist.ts';
import { EVIDENCE_SETS } from './index.ts';
import { registerSet, reviewDecisionsSet } from './register.ts';
import { collect, csvObjects, parseCsv, setFiles } from './sets.fixture.ts';
import { suspensionsSet } from './suspensions.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

const DAY = 86_400_000;
const MIN = 60_000;
const grc = { id: 'u-greta', label: 'greta@acme.example', role: 'grc' };
const t0 = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const WS = 'ws-sets-records';
const END = at(30 * DAY);
let db: Db;
const ids: Record<string, string> = {};

const ctx = (asOf = END, from = t0): SetContext => ({ workspaceId: WS, period: { from, to: asOf }, asOf });
const rows = (def: EvidenceSetDef, c = ctx()) => collect(def.rows(db, c));

async function importAgents(lines: string[], now: Date) {
  const { id } = await previewImport(db, grc, WS, {
    filename: 'a.csv',
    content: Buffer.from(['agent_id,agent_name,owner_email,connected_apps', ...lines].join('\n')),
    fullExport: true,
  });
  await commitImport(db, grc, WS, id, { skipInvalid: false, now });
}

beforeAll(async () => {
  db = createDb(await createTestDatabase('sets_records'));
  await createWorkspace(db, grc, { id: WS, name: WS, kind: 'workspace', principal: null });
  await importAgents(['a,Alpha,ann@acme.com,Gmail', 'b,Beta,bob@acme.com,Slack'], t0);
  const agents = Object.fromEntries(
    (await db.agent.findMany({ where: { workspaceId: WS } })).map((a) => [a.externalId, a.id]),
  );
  await importAgents(['a,Alpha Two,ann@acme.com,Gmail', 'b,Beta,bob@acme.com,Slack'], at(20 * DAY));

  const entry = (id: string, agent: string, effectiveAt: Date, supersededAt: Date | null, kind?: string) =>
    db.registerEntry.create({
      data: {
        id,
        workspaceId: WS,
        agentId: agents[agent]!,
        externalId: agent,
        agentName: agent,
        ownerEmail: 'ann@acme.com',
        configHash: `h-${id}`,
        approvers: ['rhea@acme.example', 'cyrus@acme.example'],
        decisionIds: [`d-${id}`],
        effectiveAt,
        supersededAt,
        supersededBy: supersededAt ? 'r2' : null,
        ...(kind ? { kind } : {}),
      },
    });
  await entry('r1', 'a', at(DAY), at(5 * DAY));
  await entry('r2', 'a', at(5 * DAY), null);
  await entry('r3', 'b', at(20 * DAY), null, 'custom_gpt');
  const decision = (id: string, decidedAt: Date, decision: string) =>
    db.reviewDecision.create({
      data: {
        id,
        workspaceId: WS,
        agentId: agents.a!,
        configHash: 'h',
        sequence: Number(id.slice(1)),
        decision,
        reason: '=SUM(A1)',
        reviewerLabel: 'rhea@acme.example',
        decidedAt,
        checklist: [1, 2, 3],
      },
    });
  await decision('d1', at(-DAY), 'approve');
  await decision('d2', t0, 'request_changes');
  await decision('d3', at(10 * DAY), 'approve');
  await decision('d4', END, 'approve');

  await signStep(db, grc, WS, { step: 1, evidence: { url: 'https://grc.acme.example/scim-report' } }, at(-100 * DAY));
  ids.step1 = (
    await signStep(
      db,
      grc,
      WS,
      { step: 1, note: 'SCIM report', evidence: { filename: 'scim.csv', bytes: Buffer.from('user,group\n') } },
      at(2 * DAY),
    )
  ).id;
  await signStep(db, grc, WS, { step: 2, evidence: { url: 'https://grc.acme.example/roles' } }, at(50 * DAY));

  const known = attestableControls(CATALOGUE.controls);
  const attestAt = (controlId: string, when: Date, days: number) =>
    attest(
      db,
      grc,
      WS,
      {
        controlId,
        statement: 'Retention is set to 30 days.',
        expiresAt: new Date(when.getTime() + days * DAY),
        evidence: { url: `https://grc.acme.example/${controlId}` },
      },
      known,
      when,
    );
  ids.older = (await attestAt('1.1', at(DAY), 60)).id;
  ids.newer = (await attestAt('1.1', at(3 * DAY), 10)).id;
  ids.later = (await attestAt('2.2', at(DAY), 60)).id;
  await revokeAttestation(db, grc, WS, ids.later, { reason: 'Superseded by the new policy.' }, at(40 * DAY));

  ids.suspension = (
    await suspendAgent(db, grc, { workspaceId: WS, agentId: agents.b!, reason: 'Exfiltration suspected' }, at(2 * DAY))
  ).id;
  await confirmSuspended(db, grc, { workspaceId: WS, suspensionId: ids.suspension }, at(2 * DAY + 5 * MIN));

  const alert = (key: string, createdAt: Date) =>
    db.alert.create({
      data: {
        workspaceId: WS,
        key,
        ruleId: 'r-exfil',
        title: key,
        severity: 'high',
        agentId: 'a',
        eventIds: ['e1', 'e2'],
        message: 'm',
        at: createdAt,
        createdAt,
      },
    });
  ids.alertIn = (await alert('in', at(DAY))).id;
  ids.alertOut = (await alert('out', END)).id;
  await db.alertNote.createMany({
    data: [
      { alertId: ids.alertIn, author: 'x', kind: 'note', text: 'looked' },
      { alertId: ids.alertIn, author: 'x', kind: 'status', text: 'open → resolved' },
    ],
  });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('register and review decisions', () => {
  it('lists entries in effect at asOf: one superseded exactly then counts, one effective then not yet', async () => {
    const idsAt = async (asOf: Date) => (await rows(registerSet, ctx(asOf))).map((r) => r.id);
    expect(await idsAt(at(3 * DAY))).toEqual(['r1']);
    expect(await idsAt(at(5 * DAY))).toEqual(['r1']);
    expect(await idsAt(at(6 * DAY))).toEqual(['r2']);
    expect(await idsAt(END)).toEqual(['r2', 'r3']);
  });

  it('says whether each entry is a workspace agent or a custom GPT, in the last column', async () => {
    const [header, ...records] = parseCsv((await setFiles(db, registerSet, ctx())).csv).filter((r) => r.length > 1);
    expect(header!.slice(0, 3)).toEqual(['id', 'externalId', 'agentName']);
    expect(header!.at(-1)).toBe('kind');
    expect(records.map((r) => [r[0], r.at(-1)])).toEqual([
      ['r2', 'workspace_agent'],
      ['r3', 'custom_gpt'],
    ]);
  });

  it('lists the decisions made within [from, to), named as the agent was named then', async () => {
    const decisions = await rows(reviewDecisionsSet);
    expect(decisions.map((d) => d.id)).toEqual(['d2', 'd3']);
    expect(decisions[1]).toMatchObject({
      externalId: 'a',
      agentName: 'Alpha',
      decision: 'approve',
      reviewer: 'rhea@acme.example',
      checklistSteps: [1, 2, 3],
    });
    expect(csvObjects((await setFiles(db, reviewDecisionsSet, ctx())).csv)[0]!.reason).toBe(`'=SUM(A1)`);
  });
});

describe('checklist, attestations, suspensions and alerts', () => {
  it('shows each sign-off before asOf with its validity then, the one that counts, steps never signed', async () => {
    const list = await rows(checklistSet);
    const step1 = list.filter((r) => r.step === 1);
    expect(step1.map((r) => [r.signoffId === ids.step1, r.validAtAsOf, r.counts, r.stepStatus])).toEqual([
      [true, true, true, 'signed'],
      [false, false, false, 'signed'],
    ]);
    expect(step1[0]).toMatchObject({
      evidenceFile: 'scim.csv',
      evidenceBytes: 11,
      evidenceSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      evidenceUrl: null,
    });
    expect(list.filter((r) => r.step !== 1).map((r) => [r.step, r.stepStatus, r.signoffId])).toEqual(
      [2, 3, 4, 5, 6].map((s) => [s, 'missing', null]),
    );
  });

  it('gives attestations their status at asOf: the newest counts (stale), a later revocation not yet', async () => {
    const status = async (asOf: Date) =>
      Object.fromEntries(
        (await rows(attestationsSet, ctx(asOf))).map((r) => [r.id, [r.status, r.counts, r.revokedAt]]),
      );
    expect(await status(END)).toEqual({
      [ids.older!]: ['valid', false, null],
      [ids.newer!]: ['stale', false, null],
      [ids.later!]: ['valid', true, null],
    });
    expect(await status(at(5 * DAY))).toMatchObject({ [ids.newer!]: ['valid', true, null] });
    expect(await status(at(41 * DAY))).toMatchObject({ [ids.later!]: ['revoked', false, at(40 * DAY)] });
  });

  it('shows suspensions triggered within the period with their minutes and the evidence hash, re-checked', async () => {
    const [s] = await rows(suspensionsSet);
    const evidence = await db.suspensionEvidence.findUniqueOrThrow({ where: { suspensionId: ids.suspension! } });
    expect(s).toMatchObject({
      id: ids.suspension,
      externalId: 'b',
      agentName: 'Beta',
      triggeredAt: at(2 * DAY),
      confirmedAt: at(2 * DAY + 5 * MIN),
      verdict: 'met',
      evidenceSha256: evidence.sha256,
      evidenceIntact: true,
    });
    expect(s!.minutesToConfirm).toBe(5);
    expect(await rows(suspensionsSet, ctx(END, at(3 * DAY)))).toEqual([]);
  });

  it('shows alerts created within the period with their triage notes count', async () => {
    const list = await rows(alertsSet);
    expect(list.map((a) => a.id)).toContain(ids.alertIn);
    expect(list.map((a) => a.id)).not.toContain(ids.alertOut);
    expect(list.find((a) => a.id === ids.alertIn)).toMatchObject({
      severity: 'high',
      ruleId: 'r-exfil',
      status: 'open',
      triageNotes: 2,
      eventIds: ['e1', 'e2'],
    });
  });
});

// No finding, exception, platform action or access review was made in this workspace, and its audit events carry the
// real clock's time (campaigns.integration.test.ts and platform-actions.integration.test.ts fill theirs).
const EMPTY_HERE = ['findings', 'exceptions', 'platform-actions', 'access-reviews', 'audit-log'];

describe('every set of the programme', () => {
  it('gives byte-identical CSV and JSON twice, each with its columns', async () => {
    const empty: string[] = [];
    for (const def of EVIDENCE_SETS) {
      const first = await setFiles(db, def, ctx());
      expect(await setFiles(db, def, ctx()), def.name).toEqual(first);
      expect(parseCsv(first.csv)[0], def.name).toEqual(def.columns);
      const parsed = JSON.parse(first.json) as Record<string, unknown>[];
      expect(parsed.length, def.name).toBe(parseCsv(first.csv).length - 1);
      for (const row of parsed)
        for (const column of def.columns) expect(row, `${def.name}.${column}`).toHaveProperty(column);
      if (parsed.length === 0) empty.push(def.name);
    }
    expect(empty).toEqual(EMPTY_HERE);
  });
});
