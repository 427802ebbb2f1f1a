// The seeded demo's audit log agrees with its records: every event is written at the time of the step that made
// it, in time order, so an exception "requested 2026-10-24" is audited on 2026-10-24 — not at seeding time — and
// the chain (and a head signed after the seed) still verifies, for the whole log and for a past period.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { signAuditHead } from '@/lib/audit/sign-head.ts';
import { loadSigningKey, type SigningKey } from '@/lib/audit/signing.ts';
import { verifyAuditChain } from '@/lib/audit/verify.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { DEMO_WORKSPACE, seedDemoWorkspace } from './demo.ts';

// A fixed past instant: whatever the seed forgets to date lands at the real clock, after it.
const now = new Date('2026-11-20T12:00:00Z');
const ws = DEMO_WORKSPACE.id;
let db: Db;
let key: SigningKey;
let dataDir: string;

beforeAll(async () => {
  const url = await createTestDatabase('seed_history');
  db = createDb(url);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-seed-history-'));
  key = loadSigningKey(dataDir, {});
  expect(await seedDemoWorkspace(db, { url, now })).toBe(true);
  await signAuditHead(db, key, 'daily');
});
afterAll(async () => {
  await db.$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

type Event = { seq: bigint; at: Date; action: string; targetId: string | null; diff: unknown };
const events = () =>
  db.auditEvent.findMany({
    orderBy: { seq: 'asc' },
    select: { seq: true, at: true, action: true, targetId: true, diff: true },
  }) as Promise<Event[]>;
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** The time each seeded record says it happened, for the audit event that records it. */
async function recordTime(e: Event): Promise<string | null | undefined> {
  const id = e.targetId ?? '';
  switch (e.action) {
    case 'workspace.create':
      return iso((await db.workspace.findUniqueOrThrow({ where: { id } })).createdAt);
    case 'agents.import':
      return iso((await db.inventoryImport.findUniqueOrThrow({ where: { id } })).committedAt);
    case 'roster.import':
      return iso((await db.memberImport.findUniqueOrThrow({ where: { id } })).committedAt);
    case 'apps.add':
    case 'apps.update':
      return iso(
        (
          await db.appCatalogueVersion.findFirstOrThrow({
            where: { workspaceId: ws, version: (e.diff as { version: number }).version },
          })
        ).createdAt,
      );
    case 'roles.import_observed':
      return iso((await db.agentRole.findFirstOrThrow({ where: { workspaceId: ws, side: 'observed' } })).updatedAt);
    case 'action_control.import_observed':
      return iso((await db.actionControl.findFirstOrThrow({ where: { workspaceId: ws, side: 'observed' } })).updatedAt);
    case 'exceptions.request':
      return iso((await db.exception.findUniqueOrThrow({ where: { id } })).requestedAt);
    case 'exceptions.approve':
      return iso((await db.exception.findUniqueOrThrow({ where: { id } })).decidedAt);
    case 'checklist.sign':
      return iso((await db.checklistSignoff.findUniqueOrThrow({ where: { id } })).signedAt);
    case 'attestation.create':
      return iso((await db.attestation.findUniqueOrThrow({ where: { id } })).attestedAt);
    case 'review.decide': {
      const agent = await db.agent.findFirstOrThrow({
        where: { workspaceId: ws, externalId: id },
        select: { id: true },
      });
      return iso((await db.reviewDecision.findFirstOrThrow({ where: { agentId: agent.id } })).decidedAt);
    }
    case 'runbook.update':
      return iso((await db.runbookSettings.findUniqueOrThrow({ where: { workspaceId: ws } })).updatedAt);
    case 'agent.suspend':
      return iso((await db.suspension.findUniqueOrThrow({ where: { id } })).triggeredAt);
    case 'agent.suspend.confirm':
      return iso((await db.suspension.findUniqueOrThrow({ where: { id } })).confirmedAt);
    case 'agent.restore':
      return iso((await db.suspension.findUniqueOrThrow({ where: { id } })).restoredAt);
    // Scheduled a week before the drill ran (lib/seed/demo-suspensions.ts).
    case 'drill.schedule':
      return new Date(Date.parse((e.diff as { scheduledFor: string }).scheduledFor) - 7 * 86_400_000).toISOString();
    default:
      return undefined;
  }
}

describe('demo history in the audit log', () => {
  it('dates every audit event with its record’s own time, weeks before the seeding', async () => {
    const all = await events();
    expect(all.length).toBeGreaterThan(40);
    const mismatches: string[] = [];
    const unknown = new Set<string>();
    for (const [i, e] of all.entries()) {
      // Findings are re-evaluated inside the change that moved them: same transaction, same time.
      const expected =
        e.action === 'findings.sync'
          ? [all[i - 1], all[i + 1]].filter((n) => n && n.action !== 'findings.sync').map((n) => iso(n!.at))
          : [await recordTime(e)];
      if (expected[0] === undefined) unknown.add(e.action);
      else if (!expected.includes(iso(e.at)))
        mismatches.push(`#${e.seq} ${e.action} at ${iso(e.at)}, its record says ${expected.join(' / ')}`);
    }
    expect(mismatches).toEqual([]);
    expect([...unknown]).toEqual([]);
    expect(all.every((e) => e.at <= now)).toBe(true);
    // The history spans months, not one seeding instant.
    expect(now.getTime() - all[0]!.at.getTime()).toBeGreaterThan(90 * 86_400_000);
  });

  it('keeps the exceptions’ request and approval apart, each on its own day', async () => {
    const slack = await db.exception.findFirstOrThrow({ where: { workspaceId: ws, cabTicket: 'CAB-2026-0412' } });
    const audited = await db.auditEvent.findMany({
      where: { targetId: slack.id },
      orderBy: { seq: 'asc' },
      select: { action: true, at: true },
    });
    expect(audited).toEqual([
      { action: 'exceptions.request', at: slack.requestedAt },
      { action: 'exceptions.approve', at: slack.decidedAt },
    ]);
    expect(slack.decidedAt!.getTime() - slack.requestedAt.getTime()).toBe(86_400_000);
  });

  it('dates what has a time but no event of its own with the same step: imports uploaded when committed', async () => {
    const imports = [
      ...(await db.inventoryImport.findMany({ where: { workspaceId: ws } })),
      ...(await db.memberImport.findMany({ where: { workspaceId: ws } })),
    ];
    expect(imports).toHaveLength(3);
    expect(imports.map((i) => i.uploadedAt.getTime() === i.committedAt!.getTime() && i.uploadedAt < now)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('never goes back in time along the sequence', async () => {
    const all = await events();
    const backwards = all.filter((e, i) => i > 0 && e.at < all[i - 1]!.at).map((e) => `#${e.seq} ${e.action}`);
    expect(backwards).toEqual([]);
  });

  it('verifies: the whole chain with the head signed after the seed, and a past period’s prefix', async () => {
    expect(await verifyAuditChain(db, key.publicKeyPem)).toMatchObject({
      ok: true,
      count: await db.auditEvent.count(),
    });
    const periodEnd = new Date(now.getTime() - 20 * 86_400_000);
    const past = await verifyAuditChain(db, key.publicKeyPem, { before: periodEnd });
    expect(past).toMatchObject({ ok: true, count: await db.auditEvent.count({ where: { at: { lt: periodEnd } } }) });
    expect(past.count).toBeGreaterThan(10);
  });
});
