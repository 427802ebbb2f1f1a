import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isChecked, longLines, MAX_LINE } from './line-length.ts';

const line = (n: number, ch = 'x') => ch.repeat(n);

describe('the line-length check', () => {
  it('names each line over the limit by file and number, and passes one exactly at it', () => {
    const text = [line(MAX_LINE), line(MAX_LINE + 1), '', line(MAX_LINE + 30)].join('\n');
    expect(longLines('a.ts', text)).toEqual([
      { file: 'a.ts', line: 2, length: MAX_LINE + 1 },
      { file: 'a.ts', line: 4, length: MAX_LINE + 30 },
    ]);
    expect(longLines('a.ts', `${line(MAX_LINE)}\r\n${line(MAX_LINE)}\r\n`)).toEqual([]);
  });

  it('counts characters, not bytes: a line of 120 dashes or accented letters is within the limit', () => {
    expect(longLines('a.ts', line(MAX_LINE, '—'))).toEqual([]);
    expect(longLines('a.ts', `${line(MAX_LINE, 'é')}e`)).toHaveLength(1);
  });

  it('lets a line stay long only under a comment that says why', () => {
    expect(longLines('a.ts', `// line-length: a literal Next reads\n${line(MAX_LINE + 1)}`)).toEqual([]);
    expect(longLines('a.ts', `// line-length:\n${line(MAX_LINE + 1)}`)).toHaveLength(1);
    expect(longLines('a.ts', `${line(MAX_LINE + 1)}\n// line-length: after it`)).toHaveLength(1);
  });

  it('checks code and CSS, not generated code, fixtures or data', () => {
    for (const f of ['lib/a.ts', 'components/b.tsx', 'bin/c.mjs', 'app/globals.css', 'lib/posture/facts.fixture.ts'])
      expect(isChecked(f), f).toBe(true);
    for (const f of [
      'lib/generated/prisma/client.ts',
      'test/fixtures/x.ts',
      'lib/packs/fixtures/y.ts',
      'next-env.d.ts',
      'README.md',
      'test/fixtures/log.jsonl',
      'package.json',
    ])
      expect(isChecked(f), f).toBe(false);
  });

  it('as a command, lists file:line and exits 1 on a long line, 0 when all fit, in the tree or named files', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'line-length-'));
    const script = path.resolve(import.meta.dirname, 'line-length.ts');
    const tsx = path.resolve(import.meta.dirname, '../node_modules/.bin/tsx');
    const run = () => spawnSync(tsx, [script], { cwd: repo, encoding: 'utf8', timeout: 30_000 });
    spawnSync('git', ['init', '-q'], { cwd: repo });
    writeFileSync(path.join(repo, 'ok.ts'), `${line(MAX_LINE)}\n`);
    expect(run().status).toBe(0);
    writeFileSync(path.join(repo, 'long.css'), `a {}\n${line(MAX_LINE + 1)}\n`);
    const failed = run();
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain(`long.css:2: ${MAX_LINE + 1} characters`);
    // Named files: only those are read.
    expect(spawnSync(tsx, [script, 'ok.ts'], { cwd: repo, encoding: 'utf8', timeout: 30_000 }).status).toBe(0);
    expect(spawnSync(tsx, [script, 'long.css'], { cwd: repo, encoding: 'utf8', timeout: 30_000 }).status).toBe(1);
  });
});
