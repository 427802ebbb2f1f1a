// The demo's roster and governance on a fresh database: the departures its comments promise, as findings;
// exceptions in force, expiring and waiting; an orphaned agent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { exceptionStatus, expiringWithin } from '@/lib/exceptions/state.ts';
import { DEFAULT_FINDING_FILTER } from '@/lib/findings/filter.ts';
import { listFindings } from '@/lib/findings/queries.ts';
import { orphanedOwnerEmails } from '@/lib/roster/orphans.ts';
import { DEMO_WORKSPACE, seedDemoWorkspace } from './demo.ts';

const now = new Date('2026-11-20T12:00:00Z');
const ws = DEMO_WORKSPACE.id;
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('seed_governance'));
  await seedDemoWorkspace(db, { now });
});
afterAll(async () => db.$disconnect());

describe('demo governance', () => {
  it('brings in the roster, the observed roles and the observed action control', async () => {
    expect(await db.member.count({ where: { workspaceId: ws } })).toBe(16);
    expect(await db.agentRole.count({ where: { workspaceId: ws, side: 'observed' } })).toBe(3);
    expect(
      await db.actionControl.findUnique({
        where: { workspaceId_side_appId: { workspaceId: ws, side: 'observed', appId: 'gmail' } },
      }),
    ).toMatchObject({ mode: 'allow_all' });
    expect(await orphanedOwnerEmails(db, ws)).toEqual(['owen.price@acme.example']);
  });

  it('shows the deliberate departures as findings, Slack’s custom control excepted', async () => {
    const findings = await listFindings(db, ws, { ...DEFAULT_FINDING_FILTER, status: 'all' }, now);
    const kinds = new Map(findings.map((f) => [f.key, f.status]));
    expect(kinds.get('owners-over-limit')).toBe('open');
    expect(kinds.get('allow-all:gmail')).toBe('open');
    expect(kinds.get('role-bit-beyond-baseline:agents-build:publish_agents')).toBe('open');
    expect(kinds.get('direct-assignment:sofia.martinez@acme.example:agents-build')).toBe('open');
    expect(kinds.get('action-custom:slack')).toBe('excepted');
    expect([...kinds.keys()].some((k) => k.startsWith('attestation-overdue:'))).toBe(true);
  });

  it('has an exception in force, one reaching its review within 14 days, and one waiting for a CISO', async () => {
    const exceptions = await db.exception.findMany({ where: { workspaceId: ws }, orderBy: { requestedAt: 'asc' } });
    expect(exceptions.map((e) => [e.title.split(':')[0], exceptionStatus(e, now), expiringWithin(e, now)])).toEqual([
      ['Custom MCP servers', 'approved', true],
      ['Slack', 'approved', false],
      ['Control 4.2 (Microsoft Purview) does not apply', 'approved', false], // lib/seed/demo-posture.ts
      ['Gmail', 'requested', false],
    ]);
  });
});
