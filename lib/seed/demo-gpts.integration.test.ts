// The seeded demo's custom GPTs come from its simulated Compliance API, as a real tenant's would: a source with a
// sealed key, a read each morning (versions first seen on the day after they were made), about forty GPTs holding
// the promised cases, two access reviews by the demo's people, and a live read and log pull after the seed that
// find nothing new. A restart serves the same GPTs on a new port and re-points the source.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { readAllGptSources } from '@/lib/gpts/jobs.ts';
import { domainAllowed } from '@/lib/gpts/policy-domains.ts';
import type { Gpt } from '@/lib/gpts/types.ts';
import { API_KEY_PURPOSE, pullAllSources } from '@/lib/logs/puller/pull-all.ts';
import { DEMO_GPT_ALLOWED_DOMAINS } from '@/lib/platform-sim/action-schemas.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { open } from '@/lib/runtime/secret-box.ts';
import { containThroughPlatform } from '@/lib/suspensions/platform-service.ts';
import { suspendAgent } from '@/lib/suspensions/service.ts';
import { DEMO_WORKSPACE } from './demo.ts';
import { FIRST_READ_DAYS } from './demo-gpt-reads.ts';
import { type DemoRuntime, startDemo } from './demo-runtime.ts';

const DAY = 86_400_000;
const now = new Date('2026-11-20T12:00:00Z');
const ws = DEMO_WORKSPACE.id;
const secretKey = randomBytes(32).toString('base64url');
let db: Db;
let url: string;
let demo: DemoRuntime;

beforeAll(async () => {
  url = await createTestDatabase('seed_gpts');
  db = createDb(url);
  demo = await startDemo(db, { url, secretKey, now, issuer: 'http://localhost:4999' });
  expect(demo.seeded).toBe(true);
}, 300_000);
afterAll(async () => {
  await demo?.close();
  await db.$disconnect();
});

const gpts = () =>
  db.agent.findMany({
    where: { workspaceId: ws, kind: 'custom_gpt' },
    include: { gptState: true },
    orderBy: { externalId: 'asc' },
  });

describe('the demo GPTs', () => {
  it('are read from the simulated API through a source whose key is sealed like a real one', async () => {
    const source = (await db.complianceSource.findUnique({ where: { workspaceId: ws } }))!;
    expect(source.baseUrl).toBe(demo.platform!.url);
    expect(source.keyCiphertext).not.toContain(demo.platform!.apiKey);
    expect(open(secretKey, API_KEY_PURPOSE, source.keyCiphertext)).toBe(demo.platform!.apiKey);
    const runs = await db.gptReadRun.findMany({ where: { workspaceId: ws }, orderBy: { startedAt: 'asc' } });
    expect(runs.length).toBeGreaterThanOrEqual(FIRST_READ_DAYS);
    expect(runs.every((r) => r.source === 'api' && r.complete && r.error === null)).toBe(true);
    expect(runs[0]!.startedAt.getTime()).toBeLessThan(now.getTime() - (FIRST_READ_DAYS - 1) * DAY);
    expect(demo.platform!.requests.listConfigs).toBeGreaterThan(0);
    // Connecting the source and the campaigns are audited at their steps' times: the chain's times never go back.
    const events = await db.auditEvent.findMany({ orderBy: { seq: 'asc' }, select: { at: true, action: true } });
    expect(events.some((e) => e.action === 'logs.source.create')).toBe(true);
    expect(events.every((e, i) => i === 0 || e.at.getTime() >= events[i - 1]!.at.getTime())).toBe(true);
    expect(events.at(-1)!.at.getTime()).toBeLessThanOrEqual(now.getTime());
  });

  it('are about forty, with the trifecta, the disallowed domain, the link share and the departed owner', async () => {
    const all = await gpts();
    expect(all.length).toBeGreaterThanOrEqual(35);
    expect(all.length).toBeLessThanOrEqual(45);
    const byName = new Map(all.map((g) => [g.name, g]));
    const research = byName.get('Market research analyst')!;
    expect([research.trifecta, research.effectiveState]).toEqual([true, 'exposed']);

    const domains = (g: (typeof all)[number]) => (g.gptState!.gpt as unknown as Gpt).actions.map((a) => a.domain);
    const refused = all.filter((g) => domains(g).some((d) => d && !domainAllowed(d, DEMO_GPT_ALLOWED_DOMAINS)));
    expect(refused.map((g) => g.name)).toEqual(['Partner update sender']);

    expect(all.filter((g) => g.gptState!.visibility === 'anyone_with_link').map((g) => g.name)).toEqual([
      'Logo and banner studio',
    ]);
    const departed = await db.member.findMany({ where: { workspaceId: ws, status: 'deactivated' } });
    const orphaned = all.filter((g) => departed.some((m) => m.email === g.ownerEmail));
    expect(orphaned.length).toBeGreaterThan(0);
    expect(all.filter((g) => !g.trifecta).length).toBeGreaterThan(all.length / 2);
    // The GPT policy the admin recorded: the findings name the Zapier hook, the link share and the departed owner.
    const findings = await db.finding.findMany({ where: { workspaceId: ws, status: 'open' } });
    const subjects = (kind: string) => [...new Set(findings.filter((f) => f.kind === kind).map((f) => f.subjectLabel))];
    expect(subjects('gpt-action-domain-not-allowed')).toEqual(['Partner update sender']);
    expect(subjects('gpt-shared-beyond-policy')).toContain('Logo and banner studio');
    expect(subjects('gpt-owner-not-on-roster').sort()).toEqual(orphaned.map((g) => g.name).sort());
  });

  it('carry their versions with the platform dates, each first seen by the read after it was made', async () => {
    const versions = await db.gptConfigVersion.findMany({ where: { agent: { workspaceId: ws } } });
    expect(versions.length).toBeGreaterThan((await gpts()).length * 2);
    const runs = await db.gptReadRun.findMany({ where: { workspaceId: ws }, orderBy: { startedAt: 'asc' } });
    const firstRead = runs[0]!.startedAt.getTime();
    const later = versions.filter((v) => v.configCreatedAt!.getTime() > firstRead);
    // Made during the demo's weeks: first seen by the next morning's read, not before, and within a day.
    expect(later.length).toBeGreaterThan(0);
    for (const v of later) {
      expect(v.firstSeenAt.getTime()).toBeGreaterThanOrEqual(v.configCreatedAt!.getTime());
      expect(v.firstSeenAt.getTime() - v.configCreatedAt!.getTime()).toBeLessThanOrEqual(DAY);
    }
    const changed = await db.agentHistory.findMany({
      where: { kind: 'gpt_config_changed', agent: { workspaceId: ws } },
    });
    expect(changed.length).toBe(later.length);
    expect(
      versions
        .filter((v) => v.configCreatedAt!.getTime() <= firstRead)
        .every((v) => v.firstSeenAt.getTime() === firstRead),
    ).toBe(true);
  });

  it('hold a completed and a running access review decided by the demo reviewers', async () => {
    const campaigns = await db.campaign.findMany({
      where: { workspaceId: ws },
      include: { items: true },
      orderBy: { startsAt: 'asc' },
    });
    expect(campaigns.map((c) => c.status)).toEqual(['completed', 'running']);
    const [done, running] = campaigns as [(typeof campaigns)[number], (typeof campaigns)[number]];
    expect(done.items.length).toBeGreaterThan(20);
    expect(done.items.every((i) => i.decision !== null)).toBe(true);
    expect(new Set(done.items.map((i) => i.decidedBy))).toEqual(
      new Set(['rhea.reviewer@demo.tollgate.local', 'greta.grc@demo.tollgate.local']),
    );
    expect(done.items.filter((i) => i.decision === 'revoke').map((i) => i.holder)).toEqual(['anyone_with_link']);
    expect(done.endedAt!.getTime()).toBeLessThan(done.dueAt.getTime());
    const decided = running.items.filter((i) => i.decision !== null);
    expect(decided.length).toBeGreaterThan(0);
    expect(decided.length).toBeLessThan(running.items.length);
    expect(running.dueAt.getTime()).toBeGreaterThan(now.getTime());
    const departed = await db.member.findMany({ where: { workspaceId: ws, status: 'deactivated' } });
    const orphans = running.items.filter((i) => departed.some((m) => m.email === i.holder));
    expect(orphans.length).toBeGreaterThan(0);
    expect(orphans.every((i) => i.decision === 'reassign' && i.reassignTo === 'lars.nilsson@acme.example')).toBe(true);
    // The reviewers are the demo provider's people, keyed as a sign-in would find them.
    const users = await db.user.findMany({ orderBy: { email: 'asc' } });
    expect(users.map((u) => [u.issuer, u.subject])).toEqual([
      ['http://localhost:4999', 'demo-grc'],
      ['http://localhost:4999', 'demo-reviewer'],
    ]);
  });

  it('are read again by the scheduled job and the log pull with nothing new: no doubled GPTs or logs', async () => {
    const before = await db.gptConfigVersion.count();
    const events = await db.logEvent.count();
    const [read] = await readAllGptSources(db, secretKey);
    expect(read!.result!.totals).toMatchObject({ created: 0, changed: 0, missing: 0 });
    expect(read!.result!.totals.unchanged).toBe((await gpts()).length);
    const [pulled] = await pullAllSources(url, secretKey);
    // The agents' log and the audit log (where the GPT acts' events are): nothing new in either.
    expect(pulled!.outcomes.map((o) => [o.error, o.files])).toEqual([
      [null, 0],
      [null, 0],
    ]);
    expect([await db.gptConfigVersion.count(), await db.logEvent.count()]).toEqual([before, events]);
  });

  it('an admin tried the GPT isolation policy in dry run: what it would isolate is recorded, none sent', async () => {
    const decisions = await db.responsePolicyDecision.findMany({ where: { workspaceId: ws } });
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions.every((d) => d.policyKey === 'gpt_shared_beyond_policy' && d.mode === 'dry_run')).toBe(true);
    const actions = await db.platformAction.findMany({ where: { workspaceId: ws, policyKey: { not: null } } });
    expect(actions.map((a) => [a.kind, a.status])).toEqual(decisions.map(() => ['isolate_gpt', 'dry_run']));
    expect(await db.platformActionAttempt.count()).toBe(0);
  });

  it('contains in seconds: a suspension unpublishes on the simulated platform, a pull confirms it', async () => {
    const source = (await db.complianceSource.findUnique({ where: { workspaceId: ws } }))!;
    expect(open(secretKey, ACT_KEY_PURPOSE, source.actKeyCiphertext!)).toBe(demo.platform!.actKey);
    const agent = await db.agent.findFirstOrThrow({
      where: { workspaceId: ws, kind: 'workspace_agent', status: 'published' },
      orderBy: { externalId: 'asc' },
    });
    const ic = { id: null, label: 'iris@acme.example', role: 'incident-commander' };
    const { id } = await suspendAgent(db, ic, { workspaceId: ws, agentId: agent.id, reason: 'demo containment' });
    const contained = await containThroughPlatform(db, ic, id, { secretKey });
    expect(contained).toMatchObject({ mode: 'platform', state: { status: 'answered', answerStatus: 200 } });
    await pullAllSources(url, secretKey);
    const s = await db.suspension.findUniqueOrThrow({ where: { id } });
    expect(s.confirmedBy).toMatch(/^platform logs \(event /);
    expect(s.platformAnsweredAt!.getTime()).toBeLessThanOrEqual(s.confirmedAt!.getTime());
    // The platform's AGENT_UNPUBLISHED neither renames the agent nor turns the open suspension into a draft.
    const after = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect([after.name, after.status]).toEqual([agent.name, 'suspended']);
  });

  it('on a restart, serves the same GPTs on a new port and points the source at it', async () => {
    const first = demo.platform!.url;
    const again = await startDemo(db, { url, secretKey, now: new Date(now.getTime() + 9 * DAY) });
    try {
      expect(again.seeded).toBe(false);
      expect(again.platform!.url).not.toBe(first);
      const source = (await db.complianceSource.findUnique({ where: { workspaceId: ws } }))!;
      expect(source.baseUrl).toBe(again.platform!.url);
      const [read] = await readAllGptSources(db, secretKey);
      expect(read!.result!.totals).toMatchObject({ created: 0, changed: 0, missing: 0 });
    } finally {
      await again.close();
    }
  });
});
