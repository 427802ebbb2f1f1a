// Requests and two-person control against a real PostgreSQL: destructive kinds and more than 10 targets wait for a
// second, different person; the requester cannot approve; a request lapses after 24 hours; a decline is final;
// without an act key nothing can be requested but a dry run; every step is audited and no key is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { ACT_KEY_PURPOSE, APPROVAL_TTL_MS } from './kinds.ts';
import { approveActions, declineActions, expireActions, requestActions } from './service.ts';

const SECRET = 'test-secret';
const ACT_KEY = 'sk-act-service-test-key';
const reviewer = { id: 'u-rita', label: 'rita@acme.example', role: 'reviewer' };
const admin = { id: 'u-ada', label: 'ada@acme.example', role: 'admin' };
const ciso = { id: 'u-cid', label: 'cid@acme.example', role: 'ciso' };
const WS = 'ws-act';
const NOKEY = 'ws-nokey';
const t0 = new Date('2026-12-06T09:00:00.000Z');
let db: Db;

const agents = (n: number, prefix = 'agt') =>
  Array.from({ length: n }, (_, i) => ({ agentId: null, targetId: `${prefix}-${i}`, label: `Agent ${i}` }));

async function rejects(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
}

beforeAll(async () => {
  db = createDb(await createTestDatabase('platform_service'));
  await createWorkspace(db, admin, { id: WS, name: 'Acting', kind: 'workspace', principal: 'p-act' });
  await createWorkspace(db, admin, { id: NOKEY, name: 'No act key', kind: 'workspace', principal: 'p-nokey' });
  for (const [workspaceId, act] of [
    [WS, true],
    [NOKEY, false],
  ] as const)
    await db.complianceSource.create({
      data: {
        workspaceId,
        baseUrl: 'http://127.0.0.1:9/v1/compliance',
        logTypes: [],
        keyCiphertext: seal(SECRET, 'compliance-api-key', 'sk-read'),
        actKeyCiphertext: act ? seal(SECRET, ACT_KEY_PURPOSE, ACT_KEY) : null,
        updatedBy: admin.label,
      },
    });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('requestActions', () => {
  it('an unpublish of up to 10 targets is queued at once, each with its own idempotency key', async () => {
    const one = await requestActions(
      db,
      reviewer,
      WS,
      { kind: 'unpublish_agent', targets: agents(1), reason: 'leak' },
      t0,
    );
    expect(one).toMatchObject({ needsApproval: false, batchId: null });
    const ten = await requestActions(
      db,
      reviewer,
      WS,
      { kind: 'isolate_gpt', targets: agents(10, 'g'), reason: 'overshared' },
      t0,
    );
    expect(ten.needsApproval).toBe(false);
    const rows = await db.platformAction.findMany({ where: { id: { in: [...one.ids, ...ten.ids] } } });
    expect(rows.map((r) => r.status)).toEqual(Array(11).fill('queued'));
    expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(11);
    expect(rows.every((r) => r.requestedById === reviewer.id && r.expiresAt === null)).toBe(true);
    expect(new Set(rows.filter((r) => ten.ids.includes(r.id)).map((r) => r.batchId))).toEqual(new Set([ten.batchId]));
  });

  it('a destructive kind, or more than 10 targets, waits 24 hours for a second person, as one batch', async () => {
    const del = await requestActions(
      db,
      reviewer,
      WS,
      { kind: 'delete_agent', targets: agents(1, 'd'), reason: 'gone' },
      t0,
    );
    const many = await requestActions(
      db,
      reviewer,
      WS,
      { kind: 'unpublish_agent', targets: agents(11, 'm'), reason: 'incident' },
      t0,
    );
    for (const r of [del, many]) {
      expect(r.needsApproval).toBe(true);
      expect(r.batchId).toBeTruthy();
      const rows = await db.platformAction.findMany({ where: { batchId: r.batchId } });
      expect(rows).toHaveLength(r.ids.length);
      for (const row of rows) {
        expect(row.status).toBe('awaiting_approval');
        expect(row.expiresAt?.getTime()).toBe(t0.getTime() + APPROVAL_TTL_MS);
      }
    }
  });

  it('a policy is not held by the 10-target rule, but a held batch (forceApproval) always waits', async () => {
    const policy = { key: 'published_unapproved', version: 2 };
    const actor = { id: null, label: 'policy published_unapproved v2', role: null };
    const free = await requestActions(
      db,
      actor,
      WS,
      { kind: 'unpublish_agent', targets: agents(12, 'p'), reason: 'r', policy },
      t0,
    );
    expect(free.needsApproval).toBe(false);
    const held = await requestActions(
      db,
      actor,
      WS,
      { kind: 'unpublish_agent', targets: agents(2, 'h'), reason: 'r', policy, forceApproval: true },
      t0,
    );
    expect(held.needsApproval).toBe(true);
    const row = await db.platformAction.findFirstOrThrow({ where: { id: free.ids[0] } });
    expect(row).toMatchObject({ policyKey: 'published_unapproved', policyVersion: 2, requestedById: null });
  });

  it('without an act key only a dry run may be recorded; the audit says what was asked and holds no key', async () => {
    await rejects(
      requestActions(db, reviewer, NOKEY, { kind: 'unpublish_agent', targets: agents(1), reason: 'x' }, t0),
      'conflict',
      /No act key.*Alerts → Sources/,
    );
    const dry = await requestActions(
      db,
      reviewer,
      NOKEY,
      { kind: 'unpublish_agent', targets: agents(1), reason: 'would', dryRun: true },
      t0,
    );
    expect((await db.platformAction.findUniqueOrThrow({ where: { id: dry.ids[0] } })).status).toBe('dry_run');
    const audits = await db.auditEvent.findMany({ where: { action: 'platform.action.request' } });
    expect(audits.length).toBeGreaterThan(0);
    const last = audits.at(-1)!;
    expect(last.diff).toMatchObject({ kind: 'unpublish_agent', reason: 'would', status: 'dry_run' });
    expect(JSON.stringify(audits.map((a) => a.diff))).not.toContain(ACT_KEY);
  });

  it('refuses hostile or incomplete input', async () => {
    const ask = (input: Partial<Parameters<typeof requestActions>[3]>) =>
      requestActions(db, reviewer, WS, { kind: 'unpublish_agent', targets: agents(1), reason: 'r', ...input }, t0);
    await rejects(ask({ reason: '   ' }), 'unprocessable', /reason is required/);
    await rejects(ask({ targets: [] }), 'unprocessable', /at least one target/);
    await rejects(ask({ kind: 'publish' as never }), 'unprocessable', /kind must be one of/);
    await rejects(ask({ kind: 'delete_gpt_file', targets: agents(1, 'g') }), 'unprocessable', /file id/);
    await rejects(ask({ targets: [...agents(1), ...agents(1)] }), 'unprocessable', /listed twice/);
  });
});

describe('two-person control', () => {
  it('the requester cannot approve their own request; a different person releases the whole batch', async () => {
    const r = await requestActions(db, reviewer, WS, { kind: 'delete_gpt', targets: agents(3, 'dg'), reason: 'x' }, t0);
    // Same user id, however they signed in (another role, another label): still the same person.
    const sameAgain = { ...reviewer, label: 'rita via token', role: 'admin' };
    await rejects(approveActions(db, sameAgain, WS, { batchId: r.batchId! }, t0), 'forbidden', /second, different/);
    await rejects(
      approveActions(db, { id: null, label: 'system', role: null }, WS, { batchId: r.batchId! }, t0),
      'forbidden',
      /signed-in person/,
    );
    expect(await approveActions(db, admin, WS, { batchId: r.batchId! }, new Date(t0.getTime() + 60_000))).toBe(3);
    const rows = await db.platformAction.findMany({ where: { batchId: r.batchId } });
    expect(rows.every((row) => row.status === 'queued' && row.approvedById === admin.id)).toBe(true);
    expect(rows[0]!.approvedBy).toBe(admin.label);
    await rejects(approveActions(db, ciso, WS, { batchId: r.batchId! }, t0), 'conflict', /no longer waiting/);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'platform.action.approve', targetId: r.batchId },
    });
    expect(audit.actorId).toBe(admin.id);
  });

  it('a request not approved within 24 hours expires and can no longer be approved', async () => {
    const r = await requestActions(
      db,
      reviewer,
      WS,
      { kind: 'delete_agent', targets: agents(1, 'old'), reason: 'x' },
      t0,
    );
    const later = new Date(t0.getTime() + APPROVAL_TTL_MS);
    await rejects(approveActions(db, admin, WS, { actionId: r.ids[0] }, later), 'conflict', /expired/);
    const row = await db.platformAction.findUniqueOrThrow({ where: { id: r.ids[0] } });
    expect(row.status).toBe('expired');
    expect(row.approvedById).toBeNull();
    expect(await db.auditEvent.count({ where: { action: 'platform.action.expire', targetId: r.batchId! } })).toBe(1);
  });

  it('expireActions lapses only requests past their 24 hours', async () => {
    const t1 = new Date(t0.getTime() + 3_600_000);
    const r = await requestActions(
      db,
      reviewer,
      WS,
      { kind: 'delete_agent', targets: agents(2, 'exp'), reason: 'x' },
      t1,
    );
    await expireActions(db, new Date(t1.getTime() + APPROVAL_TTL_MS - 1));
    expect((await db.platformAction.findMany({ where: { batchId: r.batchId } })).map((x) => x.status)).toEqual([
      'awaiting_approval',
      'awaiting_approval',
    ]);
    expect(await expireActions(db, new Date(t1.getTime() + APPROVAL_TTL_MS))).toBeGreaterThanOrEqual(2);
    expect((await db.platformAction.findMany({ where: { batchId: r.batchId } })).map((x) => x.status)).toEqual([
      'expired',
      'expired',
    ]);
  });

  it('a decline is final and says who and why', async () => {
    const r = await requestActions(
      db,
      reviewer,
      WS,
      {
        kind: 'delete_gpt_file',
        targets: [{ agentId: null, targetId: 'g-9', fileId: 'file-1', label: 'g-9' }],
        reason: 'x',
      },
      t0,
    );
    await rejects(declineActions(db, ciso, WS, { actionId: r.ids[0], reason: ' ' }, t0), 'unprocessable', /reason/);
    expect(await declineActions(db, ciso, WS, { actionId: r.ids[0], reason: 'not proven' }, t0)).toBe(1);
    const row = await db.platformAction.findUniqueOrThrow({ where: { id: r.ids[0] } });
    expect(row).toMatchObject({ status: 'declined', note: `Declined by ${ciso.label}: not proven` });
    await rejects(approveActions(db, admin, WS, { actionId: r.ids[0] }, t0), 'conflict', /declined/);
    await rejects(approveActions(db, admin, 'ws-other', { actionId: r.ids[0] }, t0), 'not_found', /No such/);
  });
});
