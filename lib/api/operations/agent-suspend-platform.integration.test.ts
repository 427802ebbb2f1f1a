// POST /agents/{agent_id}/suspend with an act key, as the agent page does it (issue 18): the evidence first, then
// the unpublish through the simulated platform's Admin API, and the answer said in the API's response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { API_KEY_PURPOSE } from '@/lib/logs/puller/pull-all.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { api, loadApi, makeToken } from '@/test/api.ts';
import { createTestDatabase } from '@/test/db.ts';

const admin = { id: null, label: 'test-admin', role: 'admin' };
const SECRET = 'api-test-secret-key-of-at-least-32-characters';
const READ = 'sk-read-api-0123456789';
const ACT = 'sk-act-api-9876543210';
const WS = 'ws-api-act';
let db: Db;
let sim: PlatformSim;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('api_suspend_platform');
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  process.env.TOLLGATE_SECRET_KEY = SECRET;
  db = createDb(process.env.DATABASE_URL);
  await loadApi();
  sim = await startPlatformSim({
    principal: 'ws-api-principal',
    source: arraySource([]),
    apiKey: READ,
    actKey: ACT,
    agents: [{ id: 'agt_deal', name: 'Deal desk' }],
  });
  await createWorkspace(db, admin, { id: WS, name: WS, kind: 'workspace', principal: 'ws-api-principal' });
  const { id } = await previewImport(db, admin, WS, {
    filename: 'agents.csv',
    content: Buffer.from('agent_id,agent_name,owner_email,connected_apps\nagt_deal,Deal desk,p@acme.example,Slack\n'),
    fullExport: true,
  });
  await commitImport(db, admin, WS, id, { skipInvalid: false });
  await db.complianceSource.create({
    data: {
      workspaceId: WS,
      baseUrl: sim.url,
      logTypes: ['CUSTOM_AGENTS_LOG'],
      keyCiphertext: seal(SECRET, API_KEY_PURPOSE, READ),
      actKeyCiphertext: seal(SECRET, ACT_KEY_PURPOSE, ACT),
      keyOrigin: new URL(sim.url).origin,
      updatedBy: 'test',
    },
  });
}, 120_000);
afterAll(async () => {
  delete process.env.TOLLGATE_SECRET_KEY;
  await sim?.close();
  await db?.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

describe('POST /agents/{agent_id}/suspend with an act key', () => {
  it('unpublishes the agent on the platform and answers what the platform said', async () => {
    const { token } = await makeToken(db, 'incident-commander', WS);
    const answer = await api('POST', '/agents/agt_deal/suspend', { token, body: { reason: 'exfiltration suspected' } });
    expect(answer.status, answer.text).toBe(201);
    const body = answer.json as { suspension_id: string; action: { id: string } };
    expect(body).toMatchObject({
      mode: 'platform',
      action: { status: 'answered', answer_status: 200 },
      console_steps: null,
    });
    expect(sim.acted.map((a) => [a.route, a.params.agent_id])).toEqual([['unpublishAgent', 'agt_deal']]);
    expect(sim.agentStatus('agt_deal')).toBe('unpublished');
    const suspension = await db.suspension.findUniqueOrThrow({ where: { id: body.suspension_id } });
    expect(suspension.platformActionId).toBe(body.action.id);
  });
});
