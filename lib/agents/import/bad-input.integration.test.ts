// Issue 20, "Bad input": a large export with one bad line is refused as a whole wherever the line is, or imported
// without it only when asked, within the same memory. Preview and commit run in a child process with a capped heap
// so that each position's peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { commitImport, getImport } from './service.ts';

// Large enough that the parsed file dominates the child's memory; small enough for CI's budget (was 200,000: 52 s).
const ROWS = 100_000;
const HEAP_MB = 384;
const APPS = ['Gmail', 'Slack', 'Google Drive', 'Notion', 'Zapier', 'mcp:crm', 'GitHub', 'Web Search'];
const actor = { id: null, label: 'test-admin', role: 'admin' };
let db: Db;
let url: string;
let dir: string;

beforeAll(async () => {
  url = await createTestDatabase('import_bad_input');
  db = createDb(url);
  dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-bad-input-'));
});
afterAll(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** ROWS agents; the row at `bad` (0-based) has an owner that is not an email. */
function exportWithBadRow(bad: number): string {
  const lines = ['agent_id,agent_name,owner_email,connected_apps'];
  for (let i = 0; i < ROWS; i++) {
    const apps = [APPS[i % 8], APPS[(i * 7 + 3) % 8], APPS[(i * 13 + 5) % 8]].join(';');
    lines.push(`ag-${i},Agent ${i},${i === bad ? 'not-an-email' : `o${i % 400}@acme.com`},${apps}`);
  }
  return `${lines.join('\n')}\n`;
}

const CHILD = `
const { readFileSync } = await import('node:fs');
const { createDb } = await import('@/lib/db.ts');
const { previewImport, commitImport } = await import('@/lib/agents/import/service.ts');
const actor = { id: null, label: 'test-admin', role: 'admin' };
const db = createDb(process.env.URL);
// As the upload routes pass it: the spooled file, read in pieces, never whole.
const file = { filename: 'big.csv', path: process.env.FILE, fullExport: true };
const { id } = await previewImport(db, actor, process.env.WS, file);
let refused = null;
try { await commitImport(db, actor, process.env.WS, id, { skipInvalid: false }); } catch (e) { refused = e.message; }
await db.$disconnect();
const peakRssMb = Number(/VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
console.log(JSON.stringify({ id, refused, peakRssMb }));
`;

/** Preview and commit (not skipping) in a child with a capped heap; what it answered and its peak RSS. */
function previewAndCommit(ws: string, file: string) {
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', '--input-type=module', '-e', CHILD],
    { env: { ...process.env, URL: url, FILE: file, WS: ws }, encoding: 'utf8', timeout: 240_000 },
  );
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { id: string; refused: string; peakRssMb: number };
}

describe('a large export with one bad line', () => {
  it('is refused whole wherever the line is, in the same memory; imported without it only when asked', async () => {
    const runs = [];
    for (const [where, bad] of [
      ['first', 0],
      ['last', ROWS - 1],
    ] as const) {
      const ws = `ws-bad-${where}`;
      await createWorkspace(db, actor, { id: ws, name: ws, kind: 'workspace', principal: null });
      const file = path.join(dir, `${where}.csv`);
      writeFileSync(file, exportWithBadRow(bad));
      const run = previewAndCommit(ws, file);
      expect(run.refused).toBe('1 invalid row(s). Fix the file, or choose to skip them. Nothing was imported.');
      expect((await getImport(db, ws, run.id)).preview.errors).toEqual([
        { line: bad + 2, agentId: `ag-${bad}`, reason: 'bad owner_email "not-an-email"' },
      ]);
      expect(await db.agent.count({ where: { workspaceId: ws } })).toBe(0);
      expect(await db.auditEvent.count({ where: { workspaceId: ws, action: 'agents.import' } })).toBe(0);
      runs.push({ ws, ...run });
    }
    const [first, last] = runs;
    // The same bound: a bad line at the end costs no more than one at the start (10% and 25 MB of noise allowed).
    expect(last!.peakRssMb).toBeLessThan(first!.peakRssMb * 1.1 + 25);

    const outcome = await commitImport(db, actor, last!.ws, last!.id, { skipInvalid: true });
    expect(outcome).toMatchObject({ created: ROWS - 1, skippedCount: 1 });
    expect(await db.agent.count({ where: { workspaceId: last!.ws } })).toBe(ROWS - 1);
  }, 600_000);
});
