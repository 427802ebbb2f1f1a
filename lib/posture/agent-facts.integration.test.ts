// The posture's agent facts come from one grouped pass over the agents and samples read in name order (issue 20:
// 1M agents). They must say exactly what a plain reading of every agent says: counts and the first 50 by name of
// the exposed, ungated and unapproved agents, with exceptions accepting or excusing some of them, register entries
// current, stale or superseded, deleted and unlisted agents, and GPTs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { classificationColumns } from '@/lib/agents/classification-columns.ts';
import { configHash } from '@/lib/agents/config-hash.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { acceptedAgentIds } from '@/lib/exceptions/acceptances.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { loadFacts, SAMPLING } from './facts.ts';
import { gateViolations } from './gate-violations.ts';

const WS = 'agent-facts';
const resolve = createAppResolver(builtinCatalogue('guide'));
const APPS = ['gmail', 'slack', 'google-drive', 'notion', 'web-search', 'jira'];
const STATUSES = ['published', 'published', 'published', 'draft', 'deleted', 'suspended', 'pending_review'];
const NOW = new Date('2026-12-01T12:00:00Z');
const LATER = new Date('2027-01-15T00:00:00Z');
let db: Db;

/** A seeded generator, so a failure names a fleet that can be reproduced. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

beforeAll(async () => {
  db = createDb(await createTestDatabase('posture-agent-facts'));
  const actor = { id: null, label: 'admin@acme.example', role: 'admin' };
  await createWorkspace(db, actor, { id: WS, name: 'Agent facts', kind: 'workspace', principal: null });
  const next = random(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
  const rows = [];
  for (let i = 0; i < 260; i++) {
    const connectors: ConnectorInput[] = APPS.filter(() => next() < 0.45).map((app) => ({ app }));
    const hash = configHash(connectors);
    const columns = classificationColumns(classifyAgent(connectors, resolve, { configHash: hash }));
    rows.push({
      workspaceId: WS,
      // Names collide on purpose (the external id breaks the tie) and are not in id order.
      externalId: `agent-${String(i).padStart(4, '0')}`,
      name: `Agent ${String((i * 37) % 97).padStart(3, '0')}`,
      ownerEmail: 'olga@acme.example',
      status: pick(STATUSES),
      kind: i % 9 === 0 ? 'custom_gpt' : 'workspace_agent',
      inLatestExport: i % 13 !== 0,
      apps: connectors.map((c) => c.app),
      connectors,
      configHash: hash,
      ...columns,
      ...(columns.effectiveState === 'exposed' && i % 11 === 0 ? { effectiveState: 'accepted' } : {}),
    });
  }
  await db.agent.createMany({ data: rows });
  const agents = await db.agent.findMany({ where: { workspaceId: WS }, orderBy: { externalId: 'asc' } });
  const published = agents.filter((a) => a.status === 'published');
  // Register entries: current at the agent's configuration, at an older one, and superseded.
  const entries = published.filter((_, i) => i % 3 !== 2);
  await db.registerEntry.createMany({
    data: entries.map((a, i) => ({
      workspaceId: WS,
      agentId: a.id,
      externalId: a.externalId,
      agentName: a.name,
      ownerEmail: a.ownerEmail ?? '',
      configHash: i % 5 === 4 ? 'an-older-configuration' : a.configHash,
      approvers: ['cab@acme.example'],
      decisionIds: [],
      effectiveAt: NOW,
      supersededAt: i % 7 === 6 ? NOW : null,
    })),
  });
  const exposed = agents.filter((a) => a.effectiveState === 'exposed' || a.effectiveState === 'accepted');
  const exception = (scopeKind: string, scope: object, reviewAt = LATER) => ({
    workspaceId: WS,
    title: `${scopeKind} exception`,
    businessCase: 'tested',
    scopeKind,
    scope,
    status: 'approved',
    requestedBy: 'olga@acme.example',
    requestedAt: NOW,
    reviewAt,
  });
  const violations = await gateViolations(db, WS, [...new Set(published.map((a) => a.configHash))]);
  const ungated = published.filter((a) => violations.has(a.configHash));
  await db.exception.createMany({
    data: [
      // Accepting two exposed agents now, one at a configuration it no longer has, one lapsed.
      ...exposed.slice(0, 2).map((a) => exception('trifecta', { agentId: a.id, configHash: a.configHash })),
      exception('trifecta', { agentId: exposed[2]!.id, configHash: 'another-configuration' }),
      exception('trifecta', { agentId: exposed[3]!.id, configHash: exposed[3]!.configHash }, NOW),
      // Excusing two ungated agents' every missing gate, and one only in part.
      ...ungated.slice(0, 2).map((a) =>
        exception('approval_gate', {
          agentId: a.id,
          configHash: a.configHash,
          categories: violations.get(a.configHash),
        }),
      ),
      exception('approval_gate', { agentId: ungated[2]!.id, configHash: ungated[2]!.configHash, categories: [] }),
    ],
  });
});
afterAll(async () => db.$disconnect());

/** What reading every agent says. */
async function expected() {
  const agents = await db.agent.findMany({ where: { workspaceId: WS } });
  const entries = await db.registerEntry.findMany({ where: { workspaceId: WS, supersededAt: null } });
  const exceptions = await db.exception.findMany({ where: { workspaceId: WS, status: 'approved' } });
  const accepted = new Set(await acceptedAgentIds(db, WS, NOW));
  const published = agents.filter((a) => a.status === 'published');
  const violations = await gateViolations(db, WS, [...new Set(published.map((a) => a.configHash))]);
  const excused = new Set(
    exceptions
      .filter((e) => e.scopeKind === 'approval_gate' && e.reviewAt > NOW)
      .map((e) => e.scope as { agentId: string; configHash: string; categories: string[] })
      .filter((s) => (violations.get(s.configHash) ?? []).every((c) => s.categories.includes(c)))
      .map((s) => `${s.agentId}|${s.configHash}`),
  );
  const byName = (xs: typeof agents) =>
    [...xs]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.externalId < b.externalId ? -1 : 1))
      .slice(0, 50)
      .map((a) => `${a.name} (${a.externalId})`);
  const exposed = agents.filter(
    (a) => a.status !== 'deleted' && ['exposed', 'accepted'].includes(a.effectiveState) && !accepted.has(a.id),
  );
  const ungated = published.filter((a) => violations.has(a.configHash) && !excused.has(`${a.id}|${a.configHash}`));
  const unapproved = published.filter((a) => !entries.some((e) => e.agentId === a.id && e.configHash === a.configHash));
  return {
    total: agents.filter((a) => a.status !== 'deleted').length,
    published: published.length,
    exposed: { count: exposed.length, sample: byName(exposed) },
    ungated: { count: ungated.length, sample: byName(ungated) },
    unapproved: { count: unapproved.length, sample: byName(unapproved) },
    gpts: agents.filter((a) => a.kind === 'custom_gpt' && a.status !== 'deleted' && a.inLatestExport).length,
  };
}

async function actual() {
  const facts = await loadFacts(db, WS, NOW);
  const { total, published, exposed, ungated, unapproved } = facts.agents;
  const labels = (c: typeof exposed) => ({ count: c.count, sample: c.sample.map((r) => r.label.split(':')[0]) });
  return {
    total,
    published,
    exposed: labels(exposed),
    ungated: labels(ungated),
    unapproved: labels(unapproved),
    gpts: facts.gpts?.total,
  };
}

describe('the posture agent facts at fleet size', () => {
  it('count and sample exactly what reading every agent says', async () => {
    const want = await expected();
    // The fleet exercises every case: some of each, never all.
    for (const k of ['exposed', 'ungated', 'unapproved'] as const) {
      expect(want[k].count, k).toBeGreaterThan(0);
      expect(want[k].count, k).toBeLessThan(want.total);
    }
    expect(want.gpts).toBeGreaterThan(0);
    expect(await actual()).toEqual(want);
  });

  it('samples the ungated agents alike in name order, as it does when they are many', async () => {
    const before = SAMPLING.sparseUngated;
    SAMPLING.sparseUngated = 0;
    try {
      expect(await actual()).toEqual(await expected());
    } finally {
      SAMPLING.sparseUngated = before;
    }
  });

  it('keeps its configuration counters equal to the published agents through updates', async () => {
    const counted = async () =>
      db.$queryRaw<{ configHash: string; n: number }[]>`SELECT "configHash", count(*)::int AS n FROM "Agent"
        WHERE "workspaceId" = ${WS} AND status = 'published' GROUP BY 1 ORDER BY 1`;
    const kept = async () =>
      db.$queryRaw<{ configHash: string; n: number }[]>`SELECT "configHash", agents AS n FROM "AgentConfigTally"
        WHERE "workspaceId" = ${WS} AND "configHash" <> '' AND agents <> 0 ORDER BY 1`;
    // Publish some drafts, unpublish some published agents, move some to another configuration, in one statement
    // each and in one statement together.
    await db.$executeRaw`UPDATE "Agent" SET status = 'published' WHERE "workspaceId" = ${WS} AND status = 'draft'
      AND "externalId" < 'agent-0100'`;
    await db.$executeRaw`UPDATE "Agent" SET status = CASE WHEN status = 'published' THEN 'suspended' ELSE 'published'
      END WHERE "workspaceId" = ${WS} AND "externalId" BETWEEN 'agent-0100' AND 'agent-0140'`;
    await db.$executeRaw`UPDATE "Agent" SET "configHash" = 'moved-' || left("configHash", 4)
      WHERE "workspaceId" = ${WS} AND status = 'published' AND "externalId" > 'agent-0200'`;
    await db.$executeRaw`UPDATE "Agent" SET name = name || ' renamed' WHERE "workspaceId" = ${WS}`;
    expect(await kept()).toEqual(await counted());
    expect(await actual()).toEqual(await expected());
  });
});
