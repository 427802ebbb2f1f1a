// `tollgate ingest` as an operator runs it, including a kill -9 mid-file: nothing lost, nothing twice.
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '@/test/cli-in-process.ts';
import { createTestDatabase } from '@/test/db.ts';
import { createDb } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { loadSigningKey } from '@/lib/audit/signing.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-ingest-'));
const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-ingest-data-'));
chmodSync(dataDir, 0o755);
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
const SAMPLES = path.resolve(import.meta.dirname, '../test/fixtures/compliance-logs');
let url: string;
let client: pg.Client;

const env = (extra: Record<string, string> = {}) => ({
  ...process.env,
  DATABASE_URL: url,
  TOLLGATE_DATA_DIR: dataDir,
  ...extra,
});

function run(
  args: string[],
  extra: Record<string, string> = {},
  command = 'ingest',
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...command.split(' '), ...args],
      { env: env(extra), maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);

beforeAll(async () => {
  // The install's key in its data dir, as `npm start` leaves it: with DATABASE_URL the CLI never creates one.
  loadSigningKey(dataDir);
  url = await createTestDatabase('cli_ingest');
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(async () => client.end());

describe('tollgate ingest', () => {
  it('ingests files and folders, prints the JSON summary, and exits 1 naming quarantined lines', async () => {
    const folder = path.join(dir, 'drop');
    mkdirSync(folder);
    writeFileSync(
      path.join(folder, 'bad.jsonl'),
      '{"event_id":"x1","type":"AUDIT_LOG","timestamp":"2026-01-01T00:00:00Z","principal":{"id":"p1"}}\nnot json\n',
    );
    const first = await run([path.join(SAMPLES, 'custom-agents-log.sample.jsonl'), folder, '--json']);
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout)).toEqual({
      files: 2,
      lines: 15,
      inserted: 14,
      duplicates: 0,
      quarantined: [{ file: path.join(folder, 'bad.jsonl'), line: 2, reason: expect.stringMatching(/^not JSON/) }],
      failed: [],
    });
    const replay = await run([path.join(SAMPLES, 'custom-agents-log.sample.jsonl')]);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/the same file was ingested before \(13 events already stored\)/);
    expect((await run([path.join(dir, 'nowhere')])).stderr).toMatch(/cannot read .*nowhere: no such file or folder/);
    expect((await run([folder], { TOLLGATE_INGEST_BATCH: 'lots' })).stderr).toMatch(
      /TOLLGATE_INGEST_BATCH: must be a whole number/,
    );
  });

  it('survives kill -9 mid-file: the next run resumes, losing and duplicating nothing', async () => {
    const total = 40_000;
    const file = path.join(dir, 'big.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < total; i++) {
      lines.push(
        JSON.stringify({
          event_id: `k-${i}`,
          type: 'CUSTOM_AGENTS_LOG',
          timestamp: new Date(Date.UTC(2026, 5, 1) + i * 1000).toISOString(),
          principal: { id: 'p-kill', type: 'CHATGPT_WORKSPACE' },
          event_type: 'AGENT_RUN_CREATED',
          event_details: { agent_id: `agent-${i % 50}` },
        }),
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const child = spawn(process.execPath, [bin, 'ingest', file], {
      env: env({ TOLLGATE_INGEST_BATCH: '500' }),
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Wait until some batches are committed, then kill it without warning.
    for (let tries = 0; tries < 600; tries++) {
      if ((await count(`SELECT count(*) AS n FROM "LogEvent" WHERE "principalId" = 'p-kill'`)) >= 2000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const stored = await count(`SELECT count(*) AS n FROM "LogEvent" WHERE "principalId" = 'p-kill'`);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(total);
    expect(stored % 500).toBe(0); // whole batches only

    const again = await run([file, '--json'], { TOLLGATE_INGEST_BATCH: '500' });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ files: 1, lines: total, duplicates: 0 });
    expect(await count(`SELECT count(*) AS n FROM "LogEvent" WHERE "principalId" = 'p-kill'`)).toBe(total);
    expect(await count(`SELECT count(DISTINCT "eventId") AS n FROM "LogEvent" WHERE "principalId" = 'p-kill'`)).toBe(
      total,
    );
    const files = await client.query(`SELECT status, lines, inserted FROM "LogFile" WHERE name = 'big.jsonl'`);
    expect(files.rows).toEqual([{ status: 'complete', lines: total, inserted: total }]);
  }, 120_000);

  it('derives agents and alerts that `tollgate agents --json` and `tollgate alerts --json` list', async () => {
    const db = createDb(url);
    await createWorkspace(
      db,
      { id: null, label: 'test', role: null },
      { id: 'ws-cli-logs', name: 'Logs', kind: 'workspace', principal: 'p-cli-logs' },
    );
    await db.$disconnect();
    const lines = readFileSync(path.join(SAMPLES, 'custom-agents-log.sample.jsonl'), 'utf8').replaceAll(
      '9f1c2e3a-0b1d-4c2e-8a3f-1122334455aa',
      'p-cli-logs',
    );
    const file = path.join(dir, 'cli-logs.jsonl');
    writeFileSync(file, lines);
    expect((await run([file])).stdout).toMatch(/1 agent\(s\) updated, \d+ new alert\(s\)/);
    // The reads, the verify, OSCAL and the refusals run in this process (a second of CPU less each); the ingest
    // above and the pack below stay real processes (the pack re-runs itself with a capped heap, bin/tollgate.mjs).
    const inProcess = (args: string[], command: string) =>
      runCliInProcess([...command.split(' '), ...args], { DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir });
    const agents = JSON.parse((await inProcess(['--json', '--workspace', 'ws-cli-logs'], 'agents')).stdout);
    expect(agents).toEqual([
      {
        agent_id: 'agent-123',
        agent_name: 'Sales Ops Agent',
        owner_email: 'alice.martin@example.com',
        kind: 'workspace_agent',
        status: 'deleted',
        connectors: [{ id: 'salesforce', allowed_tools: ['read'], user_approvals: 'never' }],
        legs: { private_data: ['salesforce'], untrusted_content: [], external_send: ['salesforce'] },
        trifecta: false,
        effective: { state: 'none', reasons: ['not a trifecta: no untrusted content'] },
      },
    ]);
    const alerts = JSON.parse((await inProcess(['--json', '--workspace', 'ws-cli-logs'], 'alerts')).stdout);
    expect(alerts).toContainEqual({
      id: expect.any(String),
      rule: 'tollgate-6005-agent-lifecycle',
      severity: 'medium',
      status: 'open',
      agent_id: 'agent-123',
      event_ids: ['ca000000-0000-0000-0000-000000000004'],
    });

    // The posture of the same workspace: every control of the guide, ids as the guide numbers them.
    const posture = JSON.parse((await inProcess(['--json', '--workspace', 'ws-cli-logs'], 'posture')).stdout);
    expect(Object.keys(posture).sort()).toEqual(['controls', 'coverage', 'frameworks', 'levels', 'overall']);
    expect(Object.keys(posture.frameworks).sort()).toEqual([
      'cis',
      'eu_ai_act',
      'gdpr',
      'iso27001',
      'iso42001',
      'mitre_atlas',
      'nist_800_53',
      'nist_ai_rmf',
      'owasp_agentic',
      'owasp_llm',
      'soc2',
    ]);
    // The AI frameworks: scored from the mapped controls and checks, with how many items are assessed.
    expect(posture.frameworks.iso42001).toEqual(expect.any(Number));
    expect(posture.coverage.iso27001).toEqual({ assessed: expect.any(Number), items: 93 });
    expect(posture.coverage.owasp_agentic.assessed).toBeGreaterThan(5);
    expect(Object.keys(posture.levels)).toEqual(['L1', 'L2', 'L3']);
    expect(posture.controls.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(['1.1', '5.2', '6.4', '6.7']),
    );
    expect(posture.controls.find((c: { id: string }) => c.id === '6.6')).toMatchObject({
      level: 'L2',
      status: 'fail',
      score: 0,
      reasons: expect.arrayContaining([expect.stringMatching(/No Compliance API puller configured/)]),
    });

    // Evidence for the running period: a signed pack that verifies with this install's key, and OSCAL results.
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const zip = path.join(dir, 'pack.zip');
    const pack = await run(
      ['--framework', 'soc2', '--from', '2026-01-01', '--to', to, '--out', zip, '--workspace', 'ws-cli-logs', '--json'],
      {},
      'evidence pack',
    );
    expect(pack.code, pack.stderr).toBe(0);
    expect(JSON.parse(pack.stdout)).toMatchObject({
      out: zip,
      manifestSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const verified = await inProcess([zip, '--json'], 'evidence verify');
    expect(verified.code, verified.stdout).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, trustedKey: 'install' });
    const again = await inProcess(
      ['--framework', 'soc2', '--from', '2026-01-01', '--to', to, '--out', zip, '--workspace', 'ws-cli-logs'],
      'evidence pack',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/EEXIST|already exists/);
    const bad = await inProcess(
      ['--framework', 'sox', '--from', '2026-01-01', '--to', to, '--out', path.join(dir, 'x.zip')],
      'evidence pack',
    );
    expect(bad.stderr).toContain('framework: expected soc2, nist_800_53, cis, gdpr, iso42001, iso27001, ');
    expect(bad.stderr).toContain('mitre_atlas or all, got "sox"');
    const oscal = path.join(dir, 'oscal.json');
    expect((await inProcess(['--out', oscal, '--workspace', 'ws-cli-logs'], 'oscal')).code).toBe(0);
    expect(JSON.parse(readFileSync(oscal, 'utf8'))['assessment-results'].metadata['oscal-version']).toBe('1.0.4');
  }, 120_000);
});
