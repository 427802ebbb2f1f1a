// Response policies run after each pull and each GPT read (next to the confirmation of platform actions), against
// the simulated platform and a real PostgreSQL: an agent the pulled log shows published without approval, and the
// GPTs the API read shows shared beyond the GPT policy, get their (dry-run) decisions without anyone asking. The
// same GPTs imported from a file trigger nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { syncGptFindings } from '@/lib/findings/gpt-sync.ts';
import { adaptGpt } from '@/lib/gpts/adapter.ts';
import { readAllGptSources } from '@/lib/gpts/jobs.ts';
import type { RawConfig, RawGpt, RawSharedUser } from '@/lib/gpts/platform/definition.ts';
import { storeGpts } from '@/lib/gpts/store.ts';
import { API_KEY_PURPOSE, pullAllSources } from '@/lib/logs/puller/pull-all.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { evaluateResponsePolicies, saveResponsePolicy } from './service.ts';

const SECRET = 'test-secret';
const READ = 'sk-read-hooks';
const ACT = 'sk-act-hooks';
const admin = { id: 'u-ada', label: 'ada@acme.example', role: 'admin' };
let url: string;
let db: Db;
const sims: PlatformSim[] = [];

beforeAll(async () => {
  url = await createTestDatabase('response_policy_hooks');
  db = createDb(url);
});
afterAll(async () => {
  for (const sim of sims) await sim.close();
  await db.$disconnect();
});

async function setup(ws: string, gpts: ReturnType<typeof demoGpts>) {
  const principal = `p-${ws}`;
  const sim = await startPlatformSim({ principal, apiKey: READ, actKey: ACT, source: arraySource(gpts) });
  sims.push(sim);
  await createWorkspace(db, admin, { id: ws, name: ws, kind: 'workspace', principal });
  await db.complianceSource.create({
    data: {
      workspaceId: ws,
      baseUrl: sim.url,
      logTypes: ['CUSTOM_AGENTS_LOG'],
      keyCiphertext: seal(SECRET, API_KEY_PURPOSE, READ),
      actKeyCiphertext: seal(SECRET, ACT_KEY_PURPOSE, ACT),
      updatedBy: 'test',
    },
  });
  return sim;
}

describe('response policies after a pull and a GPT read', () => {
  it('a pull that shows an agent published without approval gets a dry-run decision', async () => {
    const sim = await setup('ws-hook-pull', []);
    await saveResponsePolicy(db, admin, 'ws-hook-pull', { published_unapproved: 'dry_run' });
    const fields = { name: 'Mail helper', tools: { connectors: [{ connector_id: 'slack', user_approvals: 'never' }] } };
    sim.logs.record('CUSTOM_AGENTS_LOG', 'AGENT_CREATED', { agent_id: 'agent-mail', agent_fields: fields });
    sim.logs.record('CUSTOM_AGENTS_LOG', 'AGENT_PUBLISHED', { agent_id: 'agent-mail', agent_fields: fields });
    await pullAllSources(url, SECRET);
    const decisions = await db.responsePolicyDecision.findMany({ where: { workspaceId: 'ws-hook-pull' } });
    expect(decisions.map((d) => [d.policyKey, d.targetId, d.mode])).toEqual([
      ['published_unapproved', 'agent-mail', 'dry_run'],
    ]);
    expect(sim.acted).toEqual([]);
  });

  it('a GPT read: every GPT shared beyond the GPT policy gets a dry-run isolate, and nothing else', async () => {
    const sim = await setup('ws-hook-gpts', demoGpts(new Date('2026-12-01T12:00:00Z')));
    await saveResponsePolicy(db, admin, 'ws-hook-gpts', { gpt_shared_beyond_policy: 'dry_run' });
    await readAllGptSources(db, SECRET);
    const beyond = await db.finding.findMany({
      where: { workspaceId: 'ws-hook-gpts', kind: 'gpt-shared-beyond-policy', status: 'open' },
      select: { subjectId: true },
    });
    expect(beyond.length).toBeGreaterThan(0);
    const decisions = await db.responsePolicyDecision.findMany({ where: { workspaceId: 'ws-hook-gpts' } });
    expect(decisions.map((d) => d.targetId).sort()).toEqual(beyond.map((f) => f.subjectId).sort());
    const actions = await db.platformAction.findMany({ where: { workspaceId: 'ws-hook-gpts' } });
    expect(new Set(actions.map((a) => `${a.kind} ${a.status}`))).toEqual(new Set(['isolate_gpt dry_run']));
    expect(sim.acted).toEqual([]);
  });

  it('GPTs imported from a file, shared beyond the policy all the same, trigger nothing', async () => {
    const gpts = demoGpts(new Date('2026-12-01T12:00:00Z'));
    await setup('ws-hook-file', []);
    const adapted = await Promise.all(
      gpts.map(async (d) => ({
        adapted: await adaptGpt({
          gpt: d.gpt as RawGpt,
          configs: d.configs as RawConfig[],
          sharedUsers: d.sharedUsers as RawSharedUser[],
        }),
      })),
    );
    await storeGpts(db, 'ws-hook-file', adapted, { source: 'file' });
    await syncGptFindings(db, 'ws-hook-file', new Date());
    expect(
      await db.finding.count({
        where: { workspaceId: 'ws-hook-file', kind: 'gpt-shared-beyond-policy', status: 'open' },
      }),
    ).toBeGreaterThan(0);
    await saveResponsePolicy(db, admin, 'ws-hook-file', { gpt_shared_beyond_policy: 'on' });
    expect((await evaluateResponsePolicies(db, 'ws-hook-file')).decided).toEqual({ dry_run: 0, acted: 0, held: 0 });
    expect(await db.platformAction.count({ where: { workspaceId: 'ws-hook-file' } })).toBe(0);
  });
});
