// The crash test, with a real process: a Tollgate process sends an unpublish and is killed (SIGKILL) after
// the request left and the platform acted, before the answer was stored. A restarted executor sends it again with
// the same idempotency key: the platform answers what it did the first time, and acts exactly once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { API_KEY_PURPOSE } from '@/lib/logs/puller/pull-all.ts';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { createTestDatabase } from '@/test/db.ts';
import { runDueActions } from './executor.ts';
import { ACT_KEY_PURPOSE } from './kinds.ts';
import { requestActions } from './service.ts';

const SECRET = 'crash-test-secret-key-of-32-characters!';
const ACT = 'sk-act-crash';
const child = path.join(import.meta.dirname, 'crash-child.fixture.ts');
const tsx = path.resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');
let db: Db;
let url: string;
let sim: PlatformSim;

beforeAll(async () => {
  url = await createTestDatabase('platform_crash');
  db = createDb(url);
  // The platform acts at once, then holds its answer back for 30 s: the process dies in between.
  sim = await startPlatformSim({
    principal: 'p-crash',
    source: arraySource([]),
    actKey: ACT,
    agents: [{ id: 'agt_leak', name: 'Leaky agent' }],
    slowAnswers: [{ route: 'unpublishAgent', ms: 30_000, times: 1 }],
  });
  const ic = { id: 'u-iris', label: 'iris@acme.example', role: 'incident-commander' };
  await createWorkspace(db, ic, { id: 'ws-crash', name: 'crash', kind: 'workspace', principal: 'p-crash' });
  await db.complianceSource.create({
    data: {
      workspaceId: 'ws-crash',
      baseUrl: sim.url,
      logTypes: ['CUSTOM_AGENTS_LOG'],
      keyCiphertext: seal(SECRET, API_KEY_PURPOSE, 'sk-read-crash'),
      actKeyCiphertext: seal(SECRET, ACT_KEY_PURPOSE, ACT),
      keyOrigin: new URL(sim.url).origin,
      updatedBy: 'test',
    },
  });
  await requestActions(db, ic, 'ws-crash', {
    kind: 'unpublish_agent',
    targets: [{ agentId: null, targetId: 'agt_leak', label: 'Leaky agent' }],
    reason: 'crash test',
  });
});
afterAll(async () => {
  await sim?.close();
  await db?.$disconnect();
});

it('a process killed after the request left: the restart acts no second time and stores the first answer', async () => {
  const proc = spawn(process.execPath, [tsx, child, url, SECRET], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.once('exit', (_code, signal) => resolve(signal)));
  // Killed as soon as the platform has acted (its answer is still held back).
  const deadline = Date.now() + 60_000;
  while (sim.acted.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(sim.acted).toHaveLength(1);
  proc.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const [left] = await db.platformAction.findMany({ include: { attempts: true } });
  // What the dead process left: the action sending, its attempt open (no answer stored).
  expect(left).toMatchObject({ status: 'sending', answeredAt: null });
  expect(left!.attempts.map((a) => [a.number, a.status, a.finishedAt])).toEqual([[1, null, null]]);

  // The restarted executor (its lease on the dead attempt expired: its clock runs 3 minutes ahead).
  const later = () => new Date(Date.now() + 3 * 60_000);
  await runDueActions(db, { secretKey: SECRET, now: later, budgetMs: 5_000 });
  const done = await db.platformAction.findUniqueOrThrow({ where: { id: left!.id }, include: { attempts: true } });
  expect(done).toMatchObject({ status: 'answered', answerStatus: 200, outcome: 'done' });
  expect(done.attempts.length).toBe(2);
  expect(sim.acted).toHaveLength(1);
  expect(sim.agentStatus('agt_leak')).toBe('unpublished');
}, 120_000);
