// Leftovers of a crashed upload are removed at the next start; a live process's upload is never touched.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeLeftovers, UPLOAD_DIR_PREFIX } from './upload-temp.ts';

describe('upload temp directories', () => {
  it('are named with this process id, under the system temp directory', () => {
    expect(UPLOAD_DIR_PREFIX).toBe(path.join(os.tmpdir(), `tollgate-upload-${process.pid}-`));
  });

  it('of dead processes, of a reused pid before this start, and unnamed old ones go; live ones stay', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'tg-temp-test-'));
    // A pid that certainly ran and ended: a child that has exited.
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const make = (name: string, ageSeconds = 0) => {
      const dir = path.join(tmp, name);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'upload'), 'x'.repeat(1000));
      const at = (Date.now() - ageSeconds * 1000) / 1000;
      utimesSync(dir, at, at);
      return dir;
    };
    const started = Date.now() - 60_000;
    const dead = make(`tollgate-upload-${deadPid}-abc123`);
    const oursBefore = make(`tollgate-upload-${process.pid}-old111`, 3600);
    const oursNow = make(`tollgate-upload-${process.pid}-new222`);
    const parent = make(`tollgate-upload-${process.ppid}-par333`, 3600);
    const legacyOld = make('tollgate-upload-Xy12Zq', 3600);
    const legacyNew = make('tollgate-upload-Ab34Cd');
    const unrelated = make('someone-else-42', 3600);
    const removed = await removeLeftovers(tmp, started);
    expect(removed.sort()).toEqual([path.basename(dead), path.basename(oursBefore), path.basename(legacyOld)].sort());
    for (const gone of [dead, oursBefore, legacyOld]) expect(existsSync(gone)).toBe(false);
    for (const kept of [oursNow, parent, legacyNew, unrelated]) expect(existsSync(kept)).toBe(true);
  });

  it('are cleaned when the server starts (instrumentation.ts), for crashed servers only', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const crashed = path.join(os.tmpdir(), `tollgate-upload-${deadPid}-crash1`);
    const live = path.join(os.tmpdir(), `tollgate-upload-${process.ppid}-live01`);
    for (const dir of [crashed, live]) mkdirSync(dir, { recursive: true });
    process.env.NEXT_RUNTIME = 'nodejs';
    const { register } = await import('@/instrumentation.ts');
    await register();
    expect(existsSync(crashed)).toBe(false);
    expect(existsSync(live)).toBe(true);
    rmSync(live, { recursive: true });
  });
});
