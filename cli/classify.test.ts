// `tollgate classify` as a CI pipeline sees it: a real process, its exit code, stdout and stderr.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { serializeCatalogue } from '@/lib/apps/catalogue-file.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-classify-'));
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'classify', ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

const HEADER = 'agent_id,agent_name,owner_email,connected_apps\r\n';
const clean = file(
  'clean.csv',
  `\ufeff${HEADER}b,Docs,b@x.io,"Google Drive, Docs"\r\na,Search,a@x.io,Web Search|Slack\r\n`,
);
const trifecta = file('trifecta.csv', `${HEADER}z,Inbox,z@x.io,Gmail;Zapier\r\ny,Files,y@x.io,Drive;GitHub\r\n`);
const unknownOnly = file('unknown.csv', `${HEADER}u,Ops,u@x.io,Drive;Zapier\r\n`);

describe('tollgate classify', () => {
  it('exits 0 with no trifecta agent and prints JSON sorted by agent_id with canonical ids', async () => {
    const { code, stdout } = await run(clean, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      {
        agent_id: 'a',
        agent_name: 'Search',
        owner_email: 'a@x.io',
        legs: { private_data: [], untrusted_content: ['slack', 'web-search'], external_send: ['slack', 'web-search'] },
        trifecta: false,
        unknown_apps: [],
      },
      {
        agent_id: 'b',
        agent_name: 'Docs',
        owner_email: 'b@x.io',
        legs: { private_data: ['google-docs', 'google-drive'], untrusted_content: [], external_send: [] },
        trifecta: false,
        unknown_apps: [],
      },
    ]);
  });

  it('exits 1 on a trifecta agent and shows what breaks it', async () => {
    const { code, stdout } = await run(trifecta);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^z .*YES .*Inbox — gmail, Zapier \(unknown\)$/m);
    expect(stdout).toMatch(/breaks if you remove gmail/);
    expect(stdout).toMatch(/2 agent\(s\), 1 trifecta \(profile: guide\)/);
  });

  it('switches profile with --catalogue strict, and reads an exported catalogue file', async () => {
    expect((await run(unknownOnly)).code).toBe(0);
    const strictResult = await run(trifecta, '--catalogue', 'strict', '--json');
    expect(JSON.parse(strictResult.stdout).map((r: { trifecta: boolean }) => r.trifecta)).toEqual([true, true]);
    const custom = builtinCatalogue('guide');
    custom.apps.push({ id: 'zapier', name: 'Zapier', aliases: [], legs: ['external_send'], actions: [] });
    const { stdout } = await run(unknownOnly, '--json', '--catalogue', file('cat.json', serializeCatalogue(custom)));
    expect(JSON.parse(stdout)[0]).toMatchObject({ legs: { external_send: ['zapier'] }, unknown_apps: [] });
  });

  it('with --strict, exits 1 on an unknown app', async () => {
    expect((await run(unknownOnly, '--strict')).code).toBe(1);
  });

  it('exits 2 on bad input, naming file and line', async () => {
    const bad = file('bad.csv', `${HEADER}a,A,a@x.io,Gmail\r\na,Again,not-an-email,Slack\r\n`);
    const result = await run(bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${bad}:3: duplicate agent_id a (first on line 2)`);
    expect((await run(path.join(dir, 'missing.csv'))).code).toBe(2);
    const badCatalogue = await run(clean, '--catalogue', file('bad.json', '{"format":"x"}'));
    expect(badCatalogue).toMatchObject({ code: 2, stderr: expect.stringContaining('--catalogue') });
    expect((await run()).code).toBe(2);
  });
});
