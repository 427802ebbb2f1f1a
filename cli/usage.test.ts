// The command line's own grammar, before any database: every command the README documents is known with each of
// its documented flags, `--help` works per command, and a bad flag or a missing value is a usage error (exit 2,
// with that command's usage) rather than a command run with the flag ignored.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, runCliInProcess } from '@/test/cli-in-process.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/tollgate.mjs');
// Unreachable on purpose: a command that got past its parse would fail with exit 1 on this, not 2.
const env = {
  ...process.env,
  DATABASE_URL: 'postgresql://nobody:x@127.0.0.1:1/none',
  TOLLGATE_DATA_DIR: '/nonexistent/tollgate',
};

/** The real process: bin/tollgate.mjs, then cli/main.ts (or the bundled `classify`), which maps usage to exit 2. */
function spawnCli(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

/** The same command tree parsed in this process (about a second of CPU less per call than a spawn). */
const run = (...args: string[]) =>
  runCliInProcess(args, { DATABASE_URL: env.DATABASE_URL, TOLLGATE_DATA_DIR: env.TOLLGATE_DATA_DIR });

const GROUPS = ['db', 'audit', 'import', 'evidence', 'scim-token', 'api-token', 'workspaces', 'gpts', 'platform'];

/** `npx tollgate …` lines of the README: the command's words (two for a group's command) and the flags shown. */
function documented(): { command: string[]; flags: string[] }[] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/^npx tollgate ([^#\n]+)/gm)].map(([, line]) => {
    const [first, second] = line!.trim().split(/\s+/) as [string, string | undefined];
    const command = GROUPS.includes(first) && second && /^[a-z]+$/.test(second) ? [first, second] : [first];
    return { command, flags: [...line!.matchAll(/--[a-z-]+/g)].map((m) => m[0]) };
  });
}

describe('tollgate usage', { timeout: 120_000 }, () => {
  it('knows every command and flag the README documents, with --help per command', async () => {
    const lines = documented();
    expect(lines.map((l) => l.command.join(' '))).toEqual(
      expect.arrayContaining(['classify', 'db migrate', 'workspaces add', 'evidence verify', 'oscal']),
    );
    expect(lines.length).toBeGreaterThanOrEqual(16);
    for (const { command, flags } of lines) {
      const help = await run(...command, '--help');
      expect(help.code, `${command.join(' ')} --help: ${help.stderr}`).toBe(0);
      expect(help.stdout).toContain(`Usage: tollgate ${command.join(' ')}`);
      for (const flag of flags)
        expect(help.stdout, `${command.join(' ')} ${flag}`).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
    }
    const overview = await run('--help');
    expect(overview.code).toBe(0);
    for (const { command } of lines) expect(overview.stdout).toContain(`  ${command.join(' ')}`);
  });

  it('refuses an unknown flag, a missing value and a flag given as a value with exit 2 and the usage', async () => {
    for (const args of [
      ['findings', '--bogus'],
      ['findings', '--workspace'],
      ['findings', '--workspace', '--json'],
      ['import', 'agents', 'x.csv', '--partail'],
      ['workspaces', '--id', 'x'],
    ]) {
      const result = await run(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^error: .*\n[\s\S]*Usage: tollgate /);
    }
    expect(await run()).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: tollgate <command>') });
    expect((await run('frobnicate')).code).toBe(2);
    expect(
      (await run('evidence', 'pack', '--from', '2026-01-01', '--to', '2026-02-01', '--out', 'x.zip')).stderr,
    ).toContain("required option '--framework <FRAMEWORK>' not specified");
  });

  it('as a real process: help exits 0, a usage error exits 2 with the usage, classify (bundled) the same', async () => {
    const [overview, bogus, classify] = await Promise.all([
      spawnCli('--help'),
      spawnCli('findings', '--bogus'),
      spawnCli('classify', '--bogus'),
    ]);
    expect(overview).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: tollgate <command>') });
    expect(overview.stdout).toBe((await run('--help')).stdout);
    for (const [result, command] of [
      [bogus, 'findings'],
      [classify, 'classify'],
    ] as const) {
      expect(result.code, command).toBe(2);
      expect(result.stderr, command).toMatch(
        new RegExp(`^error: unknown option '--bogus'\\n[\\s\\S]*Usage: tollgate ${command}`),
      );
    }
    expect((await spawnCli('classify', '--help')).stdout).toBe((await run('classify', '--help')).stdout);
  });
});
