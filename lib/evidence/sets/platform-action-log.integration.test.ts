// The platform-actions evidence set against a real PostgreSQL (time injected): each action requested in the period
// with its requester, second person, attempts, answer and confirming event, as of the pack's instant; actions
// requested outside the period, or in another workspace, left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { approveActions, requestActions } from '@/lib/platform/service.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { EVIDENCE_SETS, setsFor } from './index.ts';
import { platformActionsSet } from './platform-action-log.ts';
import { csvObjects, setFiles } from './sets.fixture.ts';
import type { SetContext } from './types.ts';

const WS = 'ws-sets-platform';
const OTHER = 'ws-sets-platform-other';
const rita = { id: 'u-rita', label: 'rita@acme.example', role: 'reviewer' };
const ada = { id: 'u-ada', label: 'ada@acme.example', role: 'admin' };
const t0 = new Date('2026-12-01T09:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const ctx = (asOf: Date, from = t0): SetContext => ({ workspaceId: WS, period: { from, to: asOf }, asOf });
let db: Db;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = createDb(await createTestDatabase('sets_platform_actions'));
  for (const id of [WS, OTHER]) {
    await createWorkspace(db, ada, { id, name: id, kind: 'workspace', principal: `p-${id}` });
    await db.complianceSource.create({
      data: {
        workspaceId: id,
        baseUrl: 'http://127.0.0.1:9/v1/compliance',
        logTypes: [],
        keyCiphertext: seal('s', 'compliance-api-key', 'sk-read'),
        actKeyCiphertext: seal('s', ACT_KEY_PURPOSE, 'sk-act'),
        updatedBy: ada.label,
      },
    });
  }
  const target = (targetId: string, label: string) => [{ agentId: null, targetId, label }];
  ids.before = (
    await requestActions(db, rita, WS, { kind: 'unpublish_agent', targets: target('a0', 'Old'), reason: 'x' }, at(-60))
  ).ids[0]!;
  // A delete: asked at 0, approved at 10, sent at 11 (429), again at 12 (200), confirmed by a log event at 20.
  ids.delete = (
    await requestActions(
      db,
      rita,
      WS,
      { kind: 'delete_agent', targets: target('a1', 'Finance bot'), reason: 'leak' },
      at(0),
    )
  ).ids[0]!;
  await approveActions(db, ada, WS, { actionId: ids.delete }, at(10));
  await db.platformActionAttempt.createMany({
    data: [
      { actionId: ids.delete, number: 1, startedAt: at(11), finishedAt: at(11), status: 429, retryAfterMs: 1000 },
      { actionId: ids.delete, number: 2, startedAt: at(12), finishedAt: at(12), status: 200 },
    ],
  });
  await db.platformAction.update({
    where: { id: ids.delete },
    data: {
      status: 'confirmed',
      sentAt: at(11),
      answeredAt: at(12),
      answerStatus: 200,
      outcome: 'done',
      confirmedEventId: 'p-ws:evt-9',
      confirmedAt: at(20),
    },
  });
  ids.refused = (
    await requestActions(
      db,
      rita,
      WS,
      { kind: 'unpublish_agent', targets: target('a2', '=cmd|calc'), reason: 'r' },
      at(1),
    )
  ).ids[0]!;
  await db.platformActionAttempt.create({
    data: { actionId: ids.refused, number: 1, startedAt: at(2), finishedAt: at(2), status: 403 },
  });
  await db.platformAction.update({
    where: { id: ids.refused },
    data: { status: 'failed', sentAt: at(2), outcome: 'refused', note: 'The act key was refused (403).' },
  });
  await requestActions(db, rita, OTHER, { kind: 'unpublish_agent', targets: target('z', 'Z'), reason: 'z' }, at(0));
});
afterAll(async () => {
  await db.$disconnect();
});

describe('the platform-actions set', () => {
  it('lists each action of the period with requester, approver, attempts, answer and confirming event', async () => {
    const { csv, json } = await setFiles(db, platformActionsSet, ctx(at(30)));
    const rows = csvObjects(csv);
    expect(Object.keys(rows[0]!)).toEqual(platformActionsSet.columns);
    expect(rows.map((r) => [r.id, r.kind, r.status, r.requestedBy, r.approvedBy])).toEqual([
      [ids.delete, 'delete_agent', 'confirmed', rita.label, ada.label],
      [ids.refused, 'unpublish_agent', 'failed', rita.label, ''],
    ]);
    expect(rows[0]).toMatchObject({
      answerStatus: '200',
      outcome: 'done',
      confirmedEventId: 'p-ws:evt-9',
      confirmedAt: at(20).toISOString(),
      minutesToAnswer: '12',
      minutesToConfirm: '20',
    });
    // A target named like a formula is written as text.
    expect(rows[1]!.target).toBe("'=cmd|calc");
    expect(rows[1]!.note).toBe('The act key was refused (403).');
    const first = (JSON.parse(json) as { attempts: unknown }[])[0]!;
    expect(first.attempts).toEqual([
      { number: 1, startedAt: at(11).toISOString(), finishedAt: at(11).toISOString(), status: 429, error: null },
      { number: 2, startedAt: at(12).toISOString(), finishedAt: at(12).toISOString(), status: 200, error: null },
    ]);
  });

  it('reads as of the pack’s instant: before the approval the delete waits, with nothing sent', async () => {
    const rows = csvObjects((await setFiles(db, platformActionsSet, ctx(at(5)))).csv);
    expect(rows.map((r) => [r.id, r.status, r.approvedBy, r.attempts, r.confirmedEventId])).toEqual([
      [ids.delete, 'awaiting_approval', '', '', ''],
      [ids.refused, 'failed', '', rows[1]!.attempts, ''],
    ]);
    const between = csvObjects((await setFiles(db, platformActionsSet, ctx(at(15)))).csv)[0]!;
    expect([between.status, between.answerStatus, between.confirmedEventId]).toEqual(['answered', '200', '']);
  });

  it('takes the actions requested in the period only, and goes into 6.5 packs', async () => {
    const all = csvObjects((await setFiles(db, platformActionsSet, ctx(at(30), at(-120)))).csv);
    expect(all.map((r) => r.id)).toEqual([ids.before, ids.delete, ids.refused]);
    expect(EVIDENCE_SETS).toContain(platformActionsSet);
    expect(setsFor({ framework: 'all', controlId: '6.5' })).toContain(platformActionsSet);
  });
});
