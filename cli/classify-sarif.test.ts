// `tollgate classify --format sarif` as a pipeline runs it (the real bin, its exit code and output), every log
// validated against the OASIS SARIF 2.1.0 schema in data/schemas (JSON Schema draft-04, as the schema declares).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { SarifLog, SarifResult } from '@/lib/sarif/types.ts';
import packageJson from '@/package.json' with { type: 'json' };

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/tollgate.mjs');
const schema = JSON.parse(readFileSync(path.join(root, 'data/schemas/sarif-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-sarif-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

type Run = { code: number; stdout: string; stderr: string };
function run(args: string[], cwd = dir): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'classify', ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** The log, after proving it valid SARIF 2.1.0. */
function sarif(stdout: string): SarifLog {
  const log = JSON.parse(stdout);
  expect(validate(log) ? [] : validate.errors).toEqual([]);
  return log;
}

const found = (log: SarifLog) =>
  log.runs[0]!.results.map((r) => [
    r.ruleId,
    r.locations[0]!.physicalLocation.region.startLine,
    r.properties?.agentId,
    r.properties?.app ?? null,
  ]);

const HEADER = 'agent_id,agent_name,owner_email,connected_apps\r\n';
// Line 1 header; a1 spans lines 2–4 (a quoted name over three lines); b2 on 5; line 6 blank; c3 on 7; d4 starts
// on 8 and its quoted apps run onto 9. CRLF and a BOM, as the admin console's export may have them.
const mixed = file(
  'agents.csv',
  `\ufeff${HEADER}` +
    'a1,"Quarterly\r\nreport\r\nbot",a1@x.io,Google Drive\r\n' +
    'b2,Inbox,b2@x.io,"Gmail, Zapier"\r\n' +
    '\r\n' +
    'c3,"Ops ""helper""",c3@x.io,Drive;mcp:acme-crm;Frobnicator\r\n' +
    'd4,Planner,d4@x.io,"Gmail,\r\nFrobnicator"\r\n',
);
const clean = file('clean.csv', `${HEADER}a,Docs,a@x.io,Google Drive\r\nb,Search,b@x.io,Web Search|Slack\r\n`);
const unknownOnly = file('unknown.csv', `${HEADER}u,Ops,u@x.io,Drive;Zapier\r\n`);

describe('tollgate classify --format sarif', () => {
  it('reports each trifecta agent, unknown app and unclassified MCP server on the line its agent starts', async () => {
    const { code, stdout } = await run(['agents.csv', '--format', 'sarif']);
    expect(code).toBe(1);
    const log = sarif(stdout);
    expect(found(log)).toEqual([
      ['lethal-trifecta', 5, 'b2', null],
      ['unknown-app', 5, 'b2', 'Zapier'],
      ['lethal-trifecta', 7, 'c3', null],
      ['unknown-app', 7, 'c3', 'Frobnicator'],
      ['unclassified-mcp-server', 7, 'c3', 'mcp:acme-crm'],
      ['lethal-trifecta', 8, 'd4', null],
      ['unknown-app', 8, 'd4', 'Frobnicator'],
    ]);
    const rules = log.runs[0]!.tool.driver.rules;
    for (const r of log.runs[0]!.results) {
      expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.level).toBe(rules[r.ruleIndex]!.defaultConfiguration.level);
    }
    expect(rules.map((r) => [r.id, r.defaultConfiguration.level])).toEqual([
      ['lethal-trifecta', 'error'],
      ['unknown-app', 'warning'],
      ['unclassified-mcp-server', 'note'],
    ]);
    const c3 = log.runs[0]!.results[2]!.message.text;
    expect(c3).toBe(
      'Agent "Ops "helper"" (c3) holds the lethal trifecta: private data from google-drive, mcp:acme-crm; ' +
        'untrusted content from mcp:acme-crm; external send from mcp:acme-crm. It breaks if you remove mcp:acme-crm.',
    );
    expect(log.runs[0]!.results[1]!.message.text).toMatch(/^Agent "Inbox" \(b2\) connects Zapier, an app/);
  });

  it('names the tool, its version and the file with its hash, relative to where it ran', async () => {
    const log = sarif((await run(['./agents.csv', '--format', 'sarif'])).stdout);
    expect(log.$schema).toBe(schema.id);
    expect(log.version).toBe('2.1.0');
    const { driver } = log.runs[0]!.tool;
    expect([driver.name, driver.version]).toEqual(['Tollgate', packageJson.version]);
    const bytes = readFileSync(mixed);
    expect(log.runs[0]!.artifacts).toEqual([
      {
        location: { uri: 'agents.csv', uriBaseId: '%SRCROOT%' },
        length: bytes.length,
        mimeType: 'text/csv',
        hashes: { 'sha-256': createHash('sha256').update(bytes).digest('hex') },
      },
    ]);
    const where = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
    expect(where).toEqual({ uri: 'agents.csv', uriBaseId: '%SRCROOT%', index: 0 });

    file('exports/q3 #1.csv', readFileSync(mixed, 'utf8'));
    const nested = sarif((await run(['exports/q3 #1.csv', '--format', 'sarif'])).stdout);
    expect(nested.runs[0]!.artifacts[0]!.location).toEqual({ uri: 'exports/q3%20%231.csv', uriBaseId: '%SRCROOT%' });
    // Outside the directory it ran in: an absolute file URI, no base.
    const outside = sarif((await run([mixed, '--format', 'sarif'], path.join(dir, 'exports'))).stdout);
    expect(outside.runs[0]!.artifacts[0]!.location).toEqual({ uri: pathToFileURL(mixed).href });
  });

  it('tracks an alert by agent, rule and app: not by line, agent name or file', async () => {
    const moved = file('moved.csv', `${HEADER}x,X,x@x.io,Slack\r\nb2,Renamed inbox,b2@x.io,Zapier;Gmail\r\n`);
    const before = sarif((await run(['agents.csv', '--format', 'sarif'])).stdout).runs[0]!.results;
    const after = sarif((await run([moved, '--format', 'sarif'])).stdout).runs[0]!.results;
    const print = (r: SarifResult) => r.partialFingerprints['tollgateAgentRuleApp/v1'];
    expect(after.map(print)).toEqual(before.slice(0, 2).map(print));
    expect(after[0]!.locations[0]!.physicalLocation.region.startLine).toBe(3);
    expect(new Set(before.map(print)).size).toBe(before.length);
  });

  it('writes a valid log with no results when nothing is found, exiting 0', async () => {
    const { code, stdout } = await run([clean, '--format', 'sarif']);
    expect(code).toBe(0);
    expect(sarif(stdout).runs[0]!.results).toEqual([]);
  });

  it('keeps the exit codes of the other formats: an unknown app exits 0, or 1 with --strict', async () => {
    const plain = await run([unknownOnly, '--format', 'sarif']);
    expect(plain.code).toBe(0);
    expect(found(sarif(plain.stdout))).toEqual([['unknown-app', 2, 'u', 'Zapier']]);
    expect((await run([unknownOnly, '--format', 'sarif', '--strict'])).code).toBe(1);
    const bad = file('bad.csv', `${HEADER}a,A,a@x.io,Gmail\r\na,Again,a@x.io,Slack\r\n`);
    expect(await run([bad, '--format', 'sarif'])).toMatchObject({ code: 2, stdout: '' });
  });

  it('prints the same bytes for the same input', async () => {
    const first = await run(['agents.csv', '--format', 'sarif']);
    const second = await run(['agents.csv', '--format', 'sarif']);
    expect(second.stdout).toBe(first.stdout);
  });

  it('writes --out as a new file with the bytes it would print, and never overwrites one (exit 2)', async () => {
    const out = path.join(dir, 'classify.sarif');
    const written = await run(['agents.csv', '--format', 'sarif', '--out', out]);
    expect(written).toMatchObject({ code: 1, stdout: '' });
    expect(readFileSync(out, 'utf8')).toBe((await run(['agents.csv', '--format', 'sarif'])).stdout);
    writeFileSync(out, 'keep me');
    const again = await run(['agents.csv', '--format', 'sarif', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('refuses --json beside --format, and an unknown format, as usage errors; --help names sarif', async () => {
    expect((await run(['agents.csv', '--json', '--format', 'sarif'])).code).toBe(2);
    expect((await run(['agents.csv', '--format', 'xml'])).code).toBe(2);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--format <table|json|sarif>');
    expect(help.stdout).toContain('upload-sarif');
  });

  it('the schema check can fail: a log without a version, or with an unknown level, is refused', async () => {
    const log = JSON.parse((await run(['agents.csv', '--format', 'sarif'])).stdout);
    expect(validate({ ...log, version: undefined })).toBe(false);
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });
});
