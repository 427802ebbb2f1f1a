// The platform-actions job: scheduled every minute once for several instances, and a run sends what is queued
// (here through sendSoon, the page's send right after a request) against the simulated platform.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { type Jobs, PLATFORM_ACTIONS_EVERY, PLATFORM_ACTIONS_QUEUE, startJobs } from '@/lib/jobs/scheduler.ts';
import { API_KEY_PURPOSE } from '@/lib/logs/puller/pull-all.ts';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { runDueActions, sendSoon } from './executor.ts';
import { ACT_KEY_PURPOSE } from './kinds.ts';
import { requestActions } from './service.ts';

const SECRET = 'test-secret';
const ic = { id: 'u-iris', label: 'iris@acme.example', role: 'incident-commander' };
let url: string;
let db: Db;
let sim: PlatformSim;
const instances: Jobs[] = [];
const runs: string[] = [];

beforeAll(async () => {
  url = await createTestDatabase('platform_job');
  db = createDb(url);
  sim = await startPlatformSim({
    principal: 'p-job',
    apiKey: 'sk-read-job',
    actKey: 'sk-act-job',
    agents: [
      { id: 'agent-a', name: 'A' },
      { id: 'agent-b', name: 'B' },
    ],
    source: arraySource([]),
  });
  await createWorkspace(db, ic, { id: 'ws-job', name: 'Job', kind: 'workspace', principal: 'p-job' });
  await db.complianceSource.create({
    data: {
      workspaceId: 'ws-job',
      baseUrl: sim.url,
      logTypes: [],
      keyCiphertext: seal(SECRET, API_KEY_PURPOSE, 'sk-read-job'),
      actKeyCiphertext: seal(SECRET, ACT_KEY_PURPOSE, 'sk-act-job'),
      updatedBy: 'test',
    },
  });
  for (const name of ['a', 'b'])
    instances.push(
      await startJobs(
        url,
        {
          pull: async () => {},
          platformActions: async () => {
            runs.push(name);
            await runDueActions(db, { secretKey: SECRET, budgetMs: 0 });
          },
        },
        { pollingIntervalSeconds: 0.5 },
      ),
    );
});
afterAll(async () => {
  for (const jobs of instances) await jobs.stop();
  await sim.close();
  await db.$disconnect();
});

const status = async (id: string) => (await db.platformAction.findUniqueOrThrow({ where: { id } })).status;

describe('the platform-actions job', () => {
  it('is scheduled every minute, once for several instances, and its run sends what is queued', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const schedules = await client.query(`SELECT cron FROM pgboss.schedule WHERE name = $1`, [PLATFORM_ACTIONS_QUEUE]);
    expect(schedules.rows).toEqual([{ cron: PLATFORM_ACTIONS_EVERY }]);
    await client.end();

    const { ids } = await requestActions(db, ic, 'ws-job', {
      kind: 'unpublish_agent',
      targets: [{ agentId: null, targetId: 'agent-a', label: 'A' }],
      reason: 'incident',
    });
    expect(await instances[1]!.boss.send(PLATFORM_ACTIONS_QUEUE, {})).toBeTruthy();
    for (let i = 0; i < 100 && ['queued', 'sending'].includes(await status(ids[0]!)); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await status(ids[0]!)).toBe('answered');
    expect(sim.acted).toHaveLength(1);
    expect(runs.length).toBeGreaterThanOrEqual(1);
  });

  it('sendSoon sends a new request at once, in the background', async () => {
    const { ids } = await requestActions(db, ic, 'ws-job', {
      kind: 'unpublish_agent',
      targets: [{ agentId: null, targetId: 'agent-b', label: 'B' }],
      reason: 'incident',
    });
    await sendSoon(db, 'ws-job', SECRET);
    expect(await status(ids[0]!)).toBe('answered');
    await sendSoon(db, 'ws-job', undefined); // no secret key in this process: nothing, no error
  });
});
