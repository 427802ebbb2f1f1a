// The Agents page's reads per request (issue 20, item 4): one request reads the counters, the per-app counters and
// the exceptions in force once each (it read them three, two and two times), and shows the same figures as the
// separate reads it replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { NO_APPS } from '@/test/agent-row.ts';
import { createTestDatabase } from '@/test/db.ts';
import { recordingDb } from '@/test/explain.ts';
import { parseAgentFilter } from './filter.ts';
import { agentsPage, appsInUse, fleetSummary, kindCounts, listAgents } from './queries.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const WS = 'ws-page-reads';
const DAY = 86_400_000;
let url: string;
let db: Db;

beforeAll(async () => {
  url = await createTestDatabase('page_reads');
  db = createDb(url);
  await createWorkspace(db, actor, { id: WS, name: WS, kind: 'workspace', principal: null });
  const shapes = [
    { kind: 'workspace_agent', state: 'exposed', legs: 3, apps: ['gmail', 'slack'], listed: true },
    { kind: 'workspace_agent', state: 'exposed', legs: 3, apps: ['drive', 'slack'], listed: true },
    { kind: 'workspace_agent', state: 'mitigated', legs: 3, apps: ['gmail'], listed: true },
    { kind: 'custom_gpt', state: 'exposed', legs: 3, apps: ['capability:browsing', 'file:a'], listed: true },
    { kind: 'custom_gpt', state: 'none', legs: 1, apps: ['file:b'], listed: false },
    { kind: 'workspace_agent', state: 'none', legs: 2, apps: ['drive'], listed: true },
  ];
  await db.agent.createMany({
    data: shapes.map((s, i) => ({
      ...NO_APPS,
      workspaceId: WS,
      externalId: `agent-${i}`,
      name: `Agent ${i}`,
      ownerEmail: `owner${i % 2}@acme.example`,
      configHash: `h${i}`,
      kind: s.kind,
      status: i === 5 ? 'deleted' : 'published',
      effectiveState: s.state,
      legCount: s.legs,
      trifecta: s.legs === 3,
      inLatestExport: s.listed,
      appIds: s.apps,
      breakApps: s.legs === 3 ? s.apps.slice(0, 1) : [],
      legs: { private_data: s.apps, untrusted_content: s.legs > 1 ? s.apps : [], external_send: [] },
    })),
  });
  // agent-1's trifecta is accepted now, at its current configuration.
  const accepted = await db.agent.findFirstOrThrow({ where: { workspaceId: WS, externalId: 'agent-1' } });
  await db.exception.create({
    data: {
      workspaceId: WS,
      title: 'Accepted',
      businessCase: 'A test',
      scopeKind: 'trifecta',
      scope: { agentId: accepted.id, configHash: 'h1' },
      status: 'approved',
      requestedBy: 'test',
      requestedAt: new Date(),
      reviewAt: new Date(Date.now() + 10 * DAY),
    },
  });
});
afterAll(async () => db?.$disconnect());

const VIEWS: Record<string, string>[] = [
  {},
  { kind: 'custom_gpt' },
  { state: 'accepted' },
  { state: 'exposed', kind: 'workspace_agent' },
  { app: 'gmail' },
  { show: 'missing', sort: 'name', dir: 'asc' },
];

describe("one request of the Agents page's data", () => {
  it('shows what the separate reads showed, for every kind of view', async () => {
    for (const view of VIEWS) {
      const f = parseAgentFilter(view);
      const page = await agentsPage(db, WS, f);
      const { rows, total, capped } = await listAgents(db, WS, f);
      expect({ view, rows: page.rows, total: page.total, capped: page.capped }).toEqual({ view, rows, total, capped });
      expect(page.summary).toEqual(await fleetSummary(db, WS, f.kind));
      expect(page.apps).toEqual(await appsInUse(db, WS));
      expect(page.kinds).toEqual(await kindCounts(db, WS));
    }
    // The fixture is worth checking against: the accepted agent and the two kinds are told apart.
    const all = await agentsPage(db, WS, parseAgentFilter({}));
    expect(all.summary).toMatchObject({ accepted: 1, exposed: 2, mitigated: 1 });
    expect(all.kinds).toEqual({ workspace_agent: 3, custom_gpt: 2 });
  });

  it('reads the counters, the per-app counters and the exceptions in force once each', async () => {
    for (const view of VIEWS) {
      const { db: recording, sent } = recordingDb(url);
      try {
        await agentsPage(recording, WS, parseAgentFilter(view));
      } finally {
        await recording.$disconnect();
      }
      const reads = (pattern: RegExp) => sent.filter((s) => pattern.test(s.text)).length;
      expect({ view, tallies: reads(/FROM "public"\."AgentTally"/) }).toEqual({ view, tallies: 1 });
      expect({ view, exceptions: reads(/JOIN "Exception"/) }).toEqual({ view, exceptions: 1 });
      // The app filter lists every kind's apps; the fleet at a glance one kind's when the view names a kind.
      expect({ view, apps: reads(/FROM "AgentAppTally"/) }).toEqual({ view, apps: view.kind ? 2 : 1 });
    }
  });
});
