// A suspension through the Admin API against the simulated platform and a real PostgreSQL: evidence first, then
// the unpublish, the platform's answer on the suspension and its clock; without an act key, the console steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { API_KEY_PURPOSE } from '@/lib/logs/puller/pull-all.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { createTestDatabase } from '@/test/db.ts';
import { containThroughPlatform } from './platform-service.ts';
import { getSuspension } from './queries.ts';
import { suspendAgent } from './service.ts';
import { suspensionTimings } from './timings.ts';

const ic = { id: 'u-iris', label: 'iris@acme.example', role: 'incident-commander' };
const SECRET = 'test-secret-key-of-at-least-32-characters';
const READ = 'sk-read-0123456789';
const ACT = 'sk-act-9876543210';
let db: Db;
let sim: PlatformSim;

const CSV = `agent_id,agent_name,owner_email,connected_apps,status
agt_deal,Deal desk,priya@acme.example,Salesforce;Slack,published
agt_quiet,Quiet helper,tom@acme.example,Confluence,published
`;

async function workspace(id: string, principal: string, actKey: string | null) {
  await createWorkspace(db, ic, { id, name: id, kind: 'workspace', principal });
  const { id: importId } = await previewImport(db, ic, id, {
    filename: 'agents.csv',
    content: Buffer.from(CSV),
    fullExport: true,
  });
  await commitImport(db, ic, id, importId, { skipInvalid: false });
  await db.complianceSource.create({
    data: {
      workspaceId: id,
      baseUrl: sim.url,
      logTypes: ['CUSTOM_AGENTS_LOG'],
      keyCiphertext: seal(SECRET, API_KEY_PURPOSE, READ),
      actKeyCiphertext: actKey ? seal(SECRET, ACT_KEY_PURPOSE, actKey) : null,
      keyOrigin: new URL(sim.url).origin,
      updatedBy: 'test',
    },
  });
}

const agentRowId = async (ws: string, externalId: string) =>
  (await db.agent.findUniqueOrThrow({ where: { workspaceId_externalId: { workspaceId: ws, externalId } } })).id;

beforeAll(async () => {
  db = createDb(await createTestDatabase('susp_platform'));
  sim = await startPlatformSim({
    principal: 'ws-principal-1',
    source: arraySource([]),
    apiKey: READ,
    actKey: ACT,
    agents: [
      { id: 'agt_deal', name: 'Deal desk' },
      { id: 'agt_quiet', name: 'Quiet helper' },
    ],
  });
  await workspace('ws-act', 'ws-principal-1', ACT);
  await workspace('ws-console', 'ws-principal-2', null);
});
afterAll(async () => {
  await sim?.close();
  await db?.$disconnect();
});

describe('suspending through the Admin API', () => {
  it('captures the evidence first, then unpublishes once on the platform, and times trigger → answered', async () => {
    const agentId = await agentRowId('ws-act', 'agt_deal');
    const { id } = await suspendAgent(db, ic, { workspaceId: 'ws-act', agentId, reason: 'exfiltration suspected' });
    const contained = await containThroughPlatform(db, ic, id, { secretKey: SECRET });
    expect(contained).toMatchObject({ mode: 'platform', state: { status: 'answered', answerStatus: 200 } });
    expect(sim.acted.map((a) => [a.route, a.params.agent_id])).toEqual([['unpublishAgent', 'agt_deal']]);
    expect(sim.agentStatus('agt_deal')).toBe('unpublished');

    const s = (await getSuspension(db, 'ws-act', id))!;
    expect(s.platform).toMatchObject({ kind: 'unpublish_agent', status: 'answered', answerStatus: 200 });
    // The evidence was committed before the request left.
    const attempt = await db.platformActionAttempt.findFirstOrThrow({ where: { actionId: s.platformActionId! } });
    expect(s.evidenceAt!.getTime()).toBeLessThanOrEqual(attempt.startedAt.getTime());
    expect(s.platformAnsweredAt).toEqual(s.platform!.answeredAt);
    // Answered but not yet seen in the logs: the clock runs until the confirmation.
    const t = suspensionTimings(s, new Date(s.triggeredAt!.getTime() + 60_000));
    expect(t.steps.map((step) => step.label)).toEqual([
      'Trigger → evidence captured',
      'Evidence captured → platform answered',
      'Platform answered → confirmed in logs',
    ]);
    expect([t.steps[1]!.ms !== null, t.steps[2]!.ms, t.verdict]).toEqual([true, null, 'running']);

    // Running it again (a retried request) sends nothing more.
    await containThroughPlatform(db, ic, id, { secretKey: SECRET });
    expect(sim.acted).toHaveLength(1);
  });

  it('without an act key sends nothing and leaves the console steps', async () => {
    const agentId = await agentRowId('ws-console', 'agt_quiet');
    const { id } = await suspendAgent(db, ic, { workspaceId: 'ws-console', agentId, reason: 'drill by hand' });
    const before = sim.acted.length;
    expect(await containThroughPlatform(db, ic, id, { secretKey: SECRET })).toEqual({ mode: 'console' });
    expect(sim.acted).toHaveLength(before);
    const s = (await getSuspension(db, 'ws-console', id))!;
    expect([s.platformActionId, s.platform]).toEqual([null, null]);
    expect(suspensionTimings(s, new Date()).steps.map((step) => step.label)).toEqual([
      'Trigger → evidence captured',
      'Evidence captured → confirmed in console',
    ]);
  });
});
