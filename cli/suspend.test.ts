// `tollgate suspend` and `tollgate actions --json` as a script runs them: real processes against a real database
// and the simulated platform; the unpublish is made once, and the actions list shows it with its attempt.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { API_KEY_PURPOSE } from '@/lib/logs/puller/pull-all.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { runCliInProcess } from '@/test/cli-in-process.ts';
import { createTestDatabase } from '@/test/db.ts';
import { NO_APPS } from '@/test/agent-row.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-suspend-data-'));
chmodSync(dataDir, 0o755);
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
const SECRET = 'cli-test-secret-key-of-at-least-32-chars';
const ACT = 'sk-act-cli-0001';
let url: string;
let db: Db;
let sim: PlatformSim;

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir, TOLLGATE_SECRET_KEY: SECRET } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

async function workspace(id: string, principal: string, actKey: string | null) {
  const admin = { id: null, label: 'test', role: 'admin' };
  await createWorkspace(db, admin, { id, name: id, kind: 'workspace', principal });
  await db.agent.create({
    data: {
      workspaceId: id,
      externalId: 'agt_deal',
      name: 'Deal desk',
      ownerEmail: 'priya@acme.example',
      status: 'published',
      ...NO_APPS,
      configHash: 'h1',
    },
  });
  await db.complianceSource.create({
    data: {
      workspaceId: id,
      baseUrl: sim.url,
      logTypes: ['CUSTOM_AGENTS_LOG'],
      keyCiphertext: seal(SECRET, API_KEY_PURPOSE, 'sk-read-cli'),
      actKeyCiphertext: actKey ? seal(SECRET, ACT_KEY_PURPOSE, actKey) : null,
      keyOrigin: new URL(sim.url).origin,
      updatedBy: 'test',
    },
  });
}

beforeAll(async () => {
  url = await createTestDatabase('cli_suspend');
  db = createDb(url);
  sim = await startPlatformSim({
    principal: 'ws-cli-principal',
    source: arraySource([]),
    actKey: ACT,
    agents: [{ id: 'agt_deal', name: 'Deal desk' }],
  });
  await workspace('ws-act', 'ws-cli-principal', ACT);
  await workspace('ws-console', 'ws-cli-other', null);
});
afterAll(async () => {
  await sim?.close();
  await db?.$disconnect();
});

describe('tollgate suspend', { timeout: 120_000 }, () => {
  it('captures the evidence, unpublishes once through the Admin API and exits 0; actions --json lists it', async () => {
    const out = await run('suspend', 'agt_deal', '--reason', 'token leak', '--workspace', 'ws-act', '--json');
    expect(out.code, out.stderr).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result).toMatchObject({
      agent_id: 'agt_deal',
      mode: 'platform',
      action: { status: 'answered', answer_status: 200, outcome: 'done' },
      console_steps: null,
    });
    expect(result.evidence_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sim.acted.map((a) => a.route)).toEqual(['unpublishAgent']);

    const listed = await run('actions', '--json', '--workspace', 'ws-act');
    expect(listed.code, listed.stderr).toBe(0);
    const [action] = JSON.parse(listed.stdout);
    expect(action).toMatchObject({
      id: result.action.id,
      kind: 'unpublish_agent',
      target: { id: 'agt_deal', label: 'Deal desk' },
      status: 'answered',
      approved_by: null,
      confirmed_event_id: null,
    });
    expect(action.attempts.map((a: { status: number }) => a.status)).toEqual([200]);
    expect(action.requested_by).toMatch(/^cli:/);
  });

  it('without an act key prints the console steps and exits 0; a second suspension is refused with 1', async () => {
    const out = await run('suspend', 'agt_deal', '--reason', 'drill', '--workspace', 'ws-console', '--json');
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ mode: 'console', action: null });
    expect(JSON.parse(out.stdout).console_steps.length).toBeGreaterThan(2);
    const again = await run('suspend', 'agt_deal', '--reason', 'again', '--workspace', 'ws-console');
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('already suspended')]);
  });

  it('refuses an unknown agent with 1 and a missing --reason with 2', async () => {
    // The same command in this process (the tests above run real processes): a second of CPU less per run.
    const run = (...args: string[]) =>
      runCliInProcess(args, { DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir, TOLLGATE_SECRET_KEY: SECRET });
    const unknown = await run('suspend', 'agt_nope', '--reason', 'x', '--workspace', 'ws-act');
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('No agent agt_nope')]);
    expect((await run('suspend', 'agt_deal', '--workspace', 'ws-act')).code).toBe(2);
  });
});
