// The command line's own grammar, before any database: every command the README documents is known with each of
// its documented flags, `--help` works per command, and a bad flag or a missing value is a usage error (exit 2,
// with that command's usage) rather than a command run with the flag ignored.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/tollgate.mjs');
// Unreachable on purpose: a command that got past its parse would fail with exit 1 on this, not 2.
const env = {
  ...process.env,
  DATABASE_URL: 'postgresql://nobody:x@127.0.0.1:1/none',
  TOLLGATE_DATA_DIR: '/nonexistent/tollgate',
};

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

const GROUPS = ['db', 'audit', 'import', 'evidence', 'scim-token', 'workspaces', 'gpts', 'platform'];

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
    ).toContain("required option '--framework <soc2|nist_800_53|cis|gdpr|all>' not specified");
  });
});
