// `tollgate gpts import FILE…` and `tollgate gpts --json` as a script runs them: a real process against a real
// database. A JSONL file of saved GPTs with one malformed line is stored (the bad line listed, exit 1), stored
// again without a single write, and listed sorted by gpt_id with every list sorted.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '@/test/cli-in-process.ts';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-gpts-data-'));
chmodSync(dataDir, 0o755);
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
const WS = 'ws-cli-gpts';
const ALL = demoGpts(new Date('2026-12-01T12:00:00Z'));
const EXPENSES = 'Expense claim helper'; // its action's schema cannot be read
const DEMO = [
  ...ALL.slice(0, 8),
  ...ALL.filter((d, i) => i >= 8 && (d.gpt.latest_config as { name: string }).name === EXPENSES),
];
const file = path.join(dataDir, 'gpts.jsonl');
let url: string;
let db: Db;

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'gpts', ...args],
      { env: { ...process.env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  url = await createTestDatabase('cli_gpts');
  db = createDb(url);
  await createWorkspace(
    db,
    { id: null, label: 'test', role: null },
    { id: WS, name: WS, kind: 'workspace', principal: null },
  );
  // One GPT object per line, versions and shared users beside it (the offline convention); line 4 is not a GPT.
  const lines = DEMO.map((d) => JSON.stringify({ ...d.gpt, configs: d.configs, shared_users: d.sharedUsers }));
  lines.splice(3, 0, JSON.stringify({ id: 'g-broken', sharing: { visibility: 'workspace' } }));
  writeFileSync(file, `${lines.join('\n')}\n`);
}, 60_000);
afterAll(async () => {
  await db.$disconnect();
});

describe('tollgate gpts', () => {
  it('imports a JSONL file: every good GPT stored, the bad line listed with its file, id and field', async () => {
    const { code, stdout } = await run('import', file, '--workspace', WS, '--json');
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ workspace: WS, listed: DEMO.length, created: DEMO.length, changed: 0 });
    expect(out.issues).toEqual([
      { object_id: 'gpts.jsonl: g-broken', field: 'created_at', reason: expect.any(String) },
    ]);
    expect(await db.agent.count({ where: { workspaceId: WS, kind: 'custom_gpt' } })).toBe(DEMO.length);
    const issue = await db.gptReadIssue.findFirstOrThrow({ where: { workspaceId: WS } });
    expect(issue.objectId).toBe('gpts.jsonl: g-broken');
  }, 60_000);

  it('imports the same file again without writing anything', async () => {
    const history = await db.agentHistory.count();
    const versions = await db.gptConfigVersion.count();
    const { stdout } = await run('import', file, '--workspace', WS, '--json');
    expect(JSON.parse(stdout)).toMatchObject({ created: 0, changed: 0, unchanged: DEMO.length });
    expect(await db.agentHistory.count()).toBe(history);
    expect(await db.gptConfigVersion.count()).toBe(versions);
  }, 60_000);

  it('lists the GPTs by gpt_id, each list sorted, with legs, file classifications and effective state', async () => {
    const analystGpt = DEMO.find((d) => (d.gpt.latest_config as { name: string }).name === 'Market research analyst')!;
    const analystFile = (analystGpt.gpt.latest_config as { files: { id: string; name: string }[] }).files[0]!;
    const analystAgent = await db.agent.findFirstOrThrow({
      where: { workspaceId: WS, externalId: String(analystGpt.gpt.id) },
    });
    await db.gptFileClassification.create({
      data: {
        workspaceId: WS,
        agentId: analystAgent.id,
        fileId: analystFile.id,
        classification: 'confidential',
        setBy: 'test',
        setAt: new Date(),
      },
    });
    const { code, stdout } = await run('--json', '--workspace', WS);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    const ids = rows.map((r) => r.gpt_id as string);
    expect(ids).toEqual(DEMO.map((d) => String(d.gpt.id)).sort());
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['gpt_id', 'name', 'owner_email', 'sharing', 'capabilities', 'actions']),
      );
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['knowledge_files', 'legs', 'trifecta', 'effective', 'findings']),
      );
      const sorted = (xs: string[]) => expect(xs).toEqual([...xs].sort());
      sorted(r.capabilities as string[]);
      sorted((r.knowledge_files as { name: string }[]).map((f) => f.name));
      sorted((r.actions as { domain: string }[]).map((a) => a.domain));
      for (const leg of Object.values(r.legs as Record<string, string[]>)) sorted(leg);
    }
    const analyst = rows.find((r) => r.name === 'Market research analyst')!;
    expect(analyst.trifecta).toBe(true);
    // The GPT findings the read synced (the Findings page's), by kind, sorted.
    expect(analyst.findings).toContain('gpt-no-use-case');
    expect(analyst.findings).toEqual([...(analyst.findings as string[])].sort());
    const files = analyst.knowledge_files as { name: string; classification: string | null }[];
    expect(files.find((f) => f.name === analystFile.name)!.classification).toBe('confidential');
    expect(files.filter((f) => f.name !== analystFile.name).every((f) => f.classification === null)).toBe(true);
    expect(analyst.effective).toEqual({ state: 'exposed', reasons: expect.any(Array) });
    expect((analyst.legs as Record<string, string[]>).untrusted_content).toContain('capability:web_browsing');
    const expenses = rows.find((r) => r.name === EXPENSES)!;
    expect(expenses.trifecta).toBe(true);
    const zapier = rows.find((r) => r.name === 'Partner update sender')!;
    const ops = (zapier.actions as { operations: { method: string; consequential: boolean }[] }[]).flatMap(
      (a) => a.operations,
    );
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.every((o) => typeof o.consequential === 'boolean')).toBe(true);
  }, 60_000);

  it('lists an unreadable action with the legs a reviewer gave it', async () => {
    const agent = await db.agent.findFirstOrThrow({
      where: { workspaceId: WS, name: EXPENSES },
      select: { gptState: { select: { gpt: true } } },
    });
    const [action] = (agent.gptState!.gpt as { actions: { schemaStatus: string; schemaSha256: string }[] }).actions;
    expect(action!.schemaStatus).toBe('unknown');
    await db.gptActionReview.create({
      data: {
        workspaceId: WS,
        reviewKey: action!.schemaSha256,
        legs: ['untrusted_content'],
        domain: 'expenses.acme.example',
        setBy: 'test',
        setAt: new Date(),
      },
    });
    const rows = JSON.parse((await run('--json', '--workspace', WS)).stdout) as Record<string, unknown>[];
    const expenses = rows.find((r) => r.name === EXPENSES)!;
    expect(expenses.trifecta).toBe(false);
    expect(expenses.legs).toEqual({
      private_data: [],
      untrusted_content: ['action:expenses.acme.example'],
      external_send: [],
    });
  }, 60_000);

  it('refuses an unknown flag and a file that does not exist with exit 2', async () => {
    // The same command in this process (the tests above run real processes): a second of CPU less per run.
    const run = (...args: string[]) =>
      runCliInProcess(['gpts', ...args], { DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir });
    expect((await run('--bogus')).code).toBe(2);
    const missing = await run('import', path.join(dataDir, 'nope.jsonl'), '--workspace', WS);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.jsonl/);
    const help = await run('import', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--complete/);
  }, 60_000);
});
