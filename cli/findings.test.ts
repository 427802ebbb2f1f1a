// `tollgate findings --json` as a script runs it: a real process against a real database.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-findings-data-'));
chmodSync(dataDir, 0o755);
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
const DAY = 86_400_000;
let url: string;
let db: Db;

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'findings', ...args],
      { env: { ...process.env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  url = await createTestDatabase('cli_findings');
  db = createDb(url);
  const actor = { id: null, label: 'test', role: null };
  for (const id of ['ws-a', 'ws-b'])
    await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
  await db.actionControl.createMany({
    data: ['gmail', 'slack'].map((appId) => ({
      workspaceId: 'ws-a',
      side: 'observed',
      appId,
      mode: 'allow_all',
      updatedBy: 'test',
    })),
  });
  const now = new Date();
  await db.$transaction((tx) => syncFindings(tx, 'ws-a', now));
  await db.exception.create({
    data: {
      workspaceId: 'ws-a',
      title: 'Slack bot',
      businessCase: 'Pilot',
      scopeKind: 'action_control',
      scope: { appId: 'slack', mode: 'allow_all' },
      findingKeys: ['allow-all:slack'],
      status: 'approved',
      requestedBy: 'rev@acme.example',
      requestedAt: now,
      decidedBy: 'ciso@acme.example',
      decidedAt: now,
      reviewAt: new Date(now.getTime() + 30 * DAY),
    },
  });
});
afterAll(async () => db.$disconnect());

describe('tollgate findings', { timeout: 60_000 }, () => {
  it('prints the workspace findings as one JSON array with exactly the documented fields', async () => {
    const { code, stdout, stderr } = await run('--json', '--workspace', 'ws-a');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual(
        ['control', 'due', 'exception_id', 'id', 'kind', 'message', 'owner', 'status', 'subject'].sort(),
      );
    const gmail = rows.find((r) => r.kind === 'allow-all' && (r.subject as { id: string }).id === 'gmail');
    const slack = rows.find((r) => r.kind === 'allow-all' && (r.subject as { id: string }).id === 'slack');
    const exception = await db.exception.findFirstOrThrow({ where: { workspaceId: 'ws-a' } });
    expect(gmail).toMatchObject({
      control: '6.2',
      status: 'open',
      owner: null,
      exception_id: null,
      subject: { type: 'app', id: 'gmail', label: 'gmail' },
    });
    expect(slack).toMatchObject({ status: 'excepted', exception_id: exception.id });
    expect(new Date(gmail!.due as string).toISOString()).toBe(gmail!.due);
    expect(gmail!.message).toMatch(/gmail allows all actions/);
  });

  it('prints an empty array for a workspace without findings, and refuses to guess among several', async () => {
    expect(await run('--json', '--workspace', 'ws-b')).toMatchObject({ code: 0, stdout: '[]\n' });
    const guess = await run('--json');
    expect(guess.code).toBe(1);
    expect(guess.stderr).toContain('Several workspaces exist');
  });
});
