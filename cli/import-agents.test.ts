// `tollgate import agents` as an admin runs it: a real process against a real database, its exit code and output.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '@/test/cli-in-process.ts';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-import-'));
const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-import-data-'));
chmodSync(dataDir, 0o755);
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
const HEADER = 'agent_id,agent_name,owner_email,connected_apps';
let url: string;
let db: Db;

function file(name: string, lines: string[]): string {
  const p = path.join(dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'import', 'agents', ...args],
      { env: { ...process.env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

const agents = (workspaceId: string) => db.agent.findMany({ where: { workspaceId }, orderBy: { externalId: 'asc' } });

beforeAll(async () => {
  url = await createTestDatabase('cli_import');
  db = createDb(url);
  for (const id of ['ws-ok', 'ws-invalid', 'ws-skip'])
    await createWorkspace(
      db,
      { id: null, label: 'test', role: null },
      { id, name: id, kind: 'workspace', principal: null },
    );
});
afterAll(async () => db.$disconnect());

describe('tollgate import agents', { timeout: 60_000 }, () => {
  it('imports a full export, names the agents that newly became trifecta, and records who ran it', async () => {
    const csv = file('first.csv', [
      HEADER,
      'a1,"Inbox triage",Ann@acme.example,Gmail',
      'a2,Docs helper,bob@acme.example,Google Drive;Docs',
      'a3,Old bot,cy@acme.example,Slack',
    ]);
    const { code, stdout, stderr } = await run(csv, '--workspace', 'ws-ok');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`Preview of ${csv} for workspace ws-ok (full export):`);
    expect(stdout).toContain('3 row(s): 3 new, 0 changed, 0 unchanged, 0 not in this export, 0 invalid');
    expect(stdout).toContain('Imported: 3 new, 0 changed, 0 unchanged, 0 marked not in latest export.');
    expect(stdout).toMatch(/1 agent\(s\) newly became a lethal trifecta:\n {2}Inbox triage \(a1\)/);
    expect((await agents('ws-ok')).map((a) => [a.externalId, a.ownerEmail, a.effectiveState])).toEqual([
      ['a1', 'ann@acme.example', 'exposed'],
      ['a2', 'bob@acme.example', 'none'],
      ['a3', 'cy@acme.example', 'none'],
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'agents.import', workspaceId: 'ws-ok' } });
    expect(audit.actorLabel).toMatch(/^cli:.+/);
    expect(audit.role).toBeNull();
  });

  it('with --partial leaves unlisted agents in the export, and --json prints the outcome', async () => {
    const csv = file('partial.csv', [HEADER, 'a2,Docs helper,bob@acme.example,Google Drive;Docs;Slack']);
    const { code, stdout } = await run(csv, '--workspace', 'ws-ok', '--partial', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      workspaceId: 'ws-ok',
      importId: expect.any(String),
      created: 0,
      changed: 1,
      unchanged: 0,
      missing: 0,
      skipped: [],
      newlyTrifectaCount: 1,
      newlyTrifecta: [{ agentId: 'a2', name: 'Docs helper' }],
    });
    expect((await agents('ws-ok')).every((a) => a.inLatestExport)).toBe(true);

    // A full export that leaves a3 out marks it "not in latest export".
    const full = file('full.csv', [
      HEADER,
      'a1,"Inbox triage",ann@acme.example,Gmail',
      'a2,Docs helper,bob@acme.example,Google Drive;Docs;Slack',
    ]);
    const second = await run(full, '--workspace', 'ws-ok');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 new, 0 changed, 2 unchanged, 1 not in this export');
    expect(second.stdout).toContain('No agent newly became a lethal trifecta.');
    expect((await agents('ws-ok')).map((a) => a.inLatestExport)).toEqual([true, true, false]);
  });

  it('imports nothing and exits 2 on invalid rows, listing each as FILE:LINE: reason', async () => {
    const csv = file('invalid.csv', [
      HEADER,
      'b1,Good,ann@acme.example,Gmail',
      'b2,Bad owner,not-an-email,Slack',
      'b1,Twice,ann@acme.example,Slack',
    ]);
    const { code, stdout, stderr } = await run(csv, '--workspace', 'ws-invalid');
    expect(code).toBe(2);
    expect(stderr).toContain(`${csv}:3: bad owner_email "not-an-email"`);
    expect(stderr).toContain(`${csv}:4: duplicate agent_id b1 (first on line 2)`);
    expect(stderr).toContain('2 invalid row(s): nothing was imported');
    expect(stdout).toContain('1 new, 0 changed, 0 unchanged, 0 not in this export, 2 invalid');
    expect(await agents('ws-invalid')).toEqual([]);
    expect(
      await db.inventoryImport.findMany({ where: { workspaceId: 'ws-invalid' }, select: { status: true } }),
    ).toEqual([{ status: 'discarded' }]);
    expect(await db.auditEvent.count({ where: { action: 'agents.import', workspaceId: 'ws-invalid' } })).toBe(0);
  });

  it('exits 2 on a file it cannot read as an export, naming the line', async () => {
    // The same command in this process (the tests above run real processes): a second of CPU less per run.
    const run = (...args: string[]) =>
      runCliInProcess(['import', 'agents', ...args], { DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir });
    const noColumn = file('no-column.csv', ['agent_id,agent_name,owner_email', 'c1,A,a@acme.example']);
    expect(await run(noColumn, '--workspace', 'ws-invalid')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${noColumn}:1: missing column connected_apps`),
    });
    const unclosed = file('unclosed.csv', [
      HEADER,
      'c1,A,a@acme.example,Gmail',
      'c2,"Never closed,b@acme.example,Slack',
      'c3,C,c@acme.example,Slack',
    ]);
    expect(await run(unclosed, '--workspace', 'ws-invalid')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${unclosed}:3: unparseable: a quoted field opened here is never closed`),
    });
    expect(await run(path.join(dir, 'nope.csv'), '--workspace', 'ws-invalid')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no such file'),
    });
    expect((await run('--workspace', 'ws-invalid')).code).toBe(2);
    expect(await agents('ws-invalid')).toEqual([]);
  });

  it('with --skip-invalid imports the valid rows and reports the skipped ones', async () => {
    const csv = file('skip.csv', [
      HEADER,
      'd1,Deal desk,priya@acme.example,Salesforce;Slack',
      'd2,Bad,,Slack',
      'd3,Notes,dan@acme.example,Notion',
    ]);
    const { code, stdout, stderr } = await run(csv, '--workspace', 'ws-skip', '--skip-invalid');
    expect(code).toBe(0);
    expect(stderr).toContain(`${csv}:3: missing owner_email`);
    expect(stdout).toContain(
      'Imported: 2 new, 0 changed, 0 unchanged, 0 marked not in latest export, 1 invalid row(s) skipped.',
    );
    expect(stdout).toContain('Deal desk (d1)');
    expect((await agents('ws-skip')).map((a) => a.externalId)).toEqual(['d1', 'd3']);
  });

  it('asks for --workspace when several exist, and refuses an unknown one', async () => {
    const csv = file('any.csv', [HEADER, 'e1,E,e@acme.example,Slack']);
    expect(await run(csv)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('choose one with --workspace ID'),
    });
    expect(await run(csv, '--workspace', 'ws-nope')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No workspace with id ws-nope'),
    });
  });
});
