// Findings, exceptions, the role matrix and action control "as of" a date, against a real PostgreSQL (time
// injected): a finding raised, an exception requested, given evidence, approved, the finding assigned, the
// exception expiring; baseline roles and controls edited after the guide's defaults applied.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { saveBaselineControl } from '@/lib/action-control/service.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { addAttachment, approveException, requestException } from '@/lib/exceptions/service.ts';
import { assignFinding } from '@/lib/findings/service.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { permissionsOf } from '@/lib/roles/dimensions.ts';
import { removeBaselineRole, saveBaselineRole } from '@/lib/roles/service.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { actionControlsSet, roleMatrixSet } from './configuration.ts';
import { exceptionsSet } from './exceptions.ts';
import { findingRows, findingsSet } from './findings.ts';
import { collect, csvObjects, setFiles } from './sets.fixture.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const reviewer = { id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer', roles: ['reviewer'] as const };
const ciso = { id: 'u-cyrus', label: 'cyrus@acme.example', role: 'ciso', roles: ['ciso'] as const };
const t0 = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const FILE = Buffer.from('CAB minutes: Slack accepted for one quarter.\n');
const EXC = 'ws-sets-exc';
const CONF = 'ws-sets-conf';
let db: Db;
let exceptionId: string;
let findingId: string;

const ctx = (workspaceId: string, asOf: Date, extra: Partial<SetContext> = {}): SetContext => ({
  workspaceId,
  period: { from: at(-30 * DAY), to: asOf },
  asOf,
  ...extra,
});
const rows = (def: EvidenceSetDef, workspaceId: string, asOf: Date) => collect(def.rows(db, ctx(workspaceId, asOf)));
const slackFinding = async (asOf: Date) =>
  (await rows(findingsSet, EXC, asOf)).find((f) => f.key === 'allow-all:slack');

beforeAll(async () => {
  db = createDb(await createTestDatabase('sets_governance'));
  for (const id of [EXC, CONF])
    await createWorkspace(db, reviewer, { id, name: id, kind: 'workspace', principal: null });

  await db.actionControl.create({
    data: { workspaceId: EXC, side: 'observed', appId: 'slack', enabled: true, mode: 'allow_all', updatedBy: 'test' },
  });
  await db.$transaction((tx) => syncFindings(tx, EXC, t0));
  findingId = (await db.finding.findFirstOrThrow({ where: { workspaceId: EXC, key: 'allow-all:slack' } })).id;
  ({ id: exceptionId } = await requestException(
    db,
    reviewer,
    EXC,
    {
      title: 'Slack for the support bot',
      businessCase: 'Support answers customers from Slack; the CAB accepted this for one quarter.',
      scope: { kind: 'action_control', appId: 'slack', mode: 'allow_all' },
      findingKeys: ['allow-all:slack'],
      cabTicket: '=CHG-1042',
      reviewAt: at(30 * DAY),
      links: ['https://cab.acme.example/CHG-1042'],
    },
    at(DAY),
  ));
  await addAttachment(db, reviewer, EXC, exceptionId, { filename: 'cab-minutes.txt', bytes: FILE }, at(DAY + HOUR));
  await approveException(db, ciso, EXC, exceptionId, { note: 'CAB 2026-03-04' }, at(2 * DAY));
  await assignFinding(db, ciso, EXC, findingId, { owner: 'owen@acme.example', dueAt: at(40 * DAY) }, at(3 * DAY));

  await saveBaselineRole(
    db,
    ciso,
    CONF,
    {
      role: {
        name: 'agents-audit',
        description: 'Read only.',
        groupName: 'auditors',
        permissions: permissionsOf(['use_agents']),
      },
      confirmHighRisk: false,
    },
    at(DAY),
  );
  await removeBaselineRole(db, ciso, CONF, 'agents-build', at(2 * DAY));
  await saveBaselineControl(
    db,
    ciso,
    CONF,
    {
      appId: 'slack',
      enabled: true,
      mode: 'read_only',
      allowedActions: [],
      deniedActions: [],
      newActionsDefault: 'deny',
    },
    at(DAY),
  );
});
afterAll(async () => {
  await db.$disconnect();
});

describe('findings and exceptions as of a date', () => {
  it('shows the finding open and unassigned, and no exception, before the request', async () => {
    expect(await slackFinding(at(12 * HOUR))).toMatchObject({
      status: 'open',
      owner: null,
      exceptionId: null,
      firstSeenAt: t0.toISOString(),
      stateSince: t0.toISOString(),
    });
    expect(await rows(exceptionsSet, EXC, at(12 * HOUR))).toEqual([]);
  });

  it('shows the exception requested with its evidence, the finding still open', async () => {
    const [e] = await rows(exceptionsSet, EXC, at(DAY + 2 * HOUR));
    expect(e).toMatchObject({
      id: exceptionId,
      status: 'requested',
      requestedBy: reviewer.label,
      requestedAt: at(DAY).toISOString(),
      decidedBy: null,
      cabTicket: '=CHG-1042',
    });
    expect(e!.attachments).toEqual([
      { url: 'https://cab.acme.example/CHG-1042', addedBy: reviewer.label },
      {
        filename: 'cab-minutes.txt',
        bytes: FILE.length,
        sha256: createHash('sha256').update(FILE).digest('hex'),
        addedBy: reviewer.label,
      },
    ]);
    expect(await slackFinding(at(DAY + 2 * HOUR))).toMatchObject({ status: 'open' });
  });

  it('shows the approval (who and when) and the finding excepted by it, then its owner once assigned', async () => {
    const [e] = await rows(exceptionsSet, EXC, at(2 * DAY + HOUR));
    expect(e).toMatchObject({
      status: 'approved',
      decidedBy: ciso.label,
      decidedAt: at(2 * DAY).toISOString(),
      decisionNote: 'CAB 2026-03-04',
      reviewAt: at(30 * DAY).toISOString(),
    });
    expect(await slackFinding(at(2 * DAY + HOUR))).toMatchObject({ status: 'excepted', exceptionId, owner: null });
    expect(await slackFinding(at(3 * DAY + HOUR))).toMatchObject({
      status: 'excepted',
      owner: 'owen@acme.example',
      dueAt: at(40 * DAY).toISOString(),
      overdue: false,
    });
  });

  it('reads the exception expired from its review date, the finding open again, then overdue', async () => {
    expect((await rows(exceptionsSet, EXC, at(30 * DAY)))[0]).toMatchObject({ status: 'expired' });
    expect((await rows(exceptionsSet, EXC, at(30 * DAY - 1)))[0]).toMatchObject({ status: 'approved' });
    expect(await slackFinding(at(31 * DAY))).toMatchObject({ status: 'open', exceptionId: null, overdue: false });
    expect(await slackFinding(at(41 * DAY))).toMatchObject({ status: 'open', overdue: true });
  });

  it('writes byte-identical files twice; the CSV names the evidence and neutralises formulas', async () => {
    for (const def of [exceptionsSet, findingsSet]) {
      const first = await setFiles(db, def, ctx(EXC, at(3 * DAY + HOUR)));
      expect(await setFiles(db, def, ctx(EXC, at(3 * DAY + HOUR))), def.name).toEqual(first);
    }
    const [e] = csvObjects((await setFiles(db, exceptionsSet, ctx(EXC, at(3 * DAY + HOUR)))).csv);
    expect(e!.cabTicket).toBe(`'=CHG-1042`);
    expect(e!.attachments).toContain('"filename":"cab-minutes.txt"');
    expect(e!.attachments).not.toContain('CAB minutes');
  });

  it('pages findings in key order, and keeps only the scoped controls when told', async () => {
    const asOf = at(3 * DAY + HOUR);
    const all = await collect(findingRows(db, ctx(EXC, asOf)));
    expect(all.length).toBeGreaterThan(1);
    expect(await collect(findingRows(db, ctx(EXC, asOf), 1))).toEqual(all);
    const keys = all.map((f) => f.key as string);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const control = (await slackFinding(asOf))!.control as string;
    expect(
      (await collect(findingRows(db, ctx(EXC, asOf, { controls: [control] })))).every((f) => f.control === control),
    ).toBe(true);
    expect(await collect(findingRows(db, ctx(EXC, asOf, { controls: ['9.9'] })))).toEqual([]);
  });
});

describe('role matrix and action control as of a date', () => {
  const baseline = async (def: EvidenceSetDef, asOf: Date, key: string) =>
    (await rows(def, CONF, asOf)).filter((r) => r.side === 'baseline').map((r) => [r[key], r.source]);

  it('shows the guide default baseline before any edit, edits after, a removed role only before removal', async () => {
    expect(await baseline(roleMatrixSet, at(HOUR), 'name')).toEqual([
      ['agents-admin', 'guide default'],
      ['agents-build', 'guide default'],
      ['agents-run', 'guide default'],
    ]);
    expect(await baseline(roleMatrixSet, at(DAY + HOUR), 'name')).toEqual([
      ['agents-admin', 'recorded'],
      ['agents-audit', 'recorded'],
      ['agents-build', 'recorded'],
      ['agents-run', 'recorded'],
    ]);
    expect(await baseline(roleMatrixSet, at(2 * DAY + HOUR), 'name')).toEqual([
      ['agents-admin', 'recorded'],
      ['agents-audit', 'recorded'],
      ['agents-run', 'recorded'],
    ]);
    const audit = (await rows(roleMatrixSet, CONF, at(2 * DAY + HOUR))).find((r) => r.name === 'agents-audit');
    expect(audit).toMatchObject({
      groupName: 'auditors',
      use_agents: true,
      build_agents: false,
      updatedBy: ciso.label,
      stateSince: at(DAY).toISOString(),
    });
  });

  it('shows the baseline control as edited, after the guide default', async () => {
    const slack = async (asOf: Date) =>
      (await rows(actionControlsSet, CONF, asOf)).find((r) => r.side === 'baseline' && r.appId === 'slack');
    expect(await slack(at(HOUR))).toMatchObject({
      mode: 'custom',
      source: 'guide default',
      deniedActions: ['post_to_channel', 'dm_external', 'post_to_dm'],
    });
    expect(await slack(at(DAY + HOUR))).toMatchObject({
      mode: 'read_only',
      enabled: true,
      source: 'recorded',
      updatedBy: ciso.label,
    });
  });
});
