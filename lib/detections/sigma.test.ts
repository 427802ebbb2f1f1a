import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from './builtin.ts';
import { parseRule, RuleError } from './rule-file.ts';
import { compileDetection } from './sigma.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../../test/fixtures/compliance-logs/custom-agents-log.sample.jsonl');
const ID = '3f0c1f3e-2d7a-4c55-9d0e-8f6a4b1c2d3e';
const records = readFileSync(SAMPLE, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('Sigma-style rules', () => {
  it('parses every built-in rule, each with its stateful check, and matches the reference records they target', () => {
    const rules = builtinRules();
    // Alerts keep the readable id (the Sigma name); the Sigma id is a UUID, one per rule.
    expect(
      rules.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.sigmaId)),
    ).toBe(true);
    expect(new Set(rules.map((r) => r.sigmaId)).size).toBe(rules.length);
    expect(rules.map((r) => [r.id, r.tollgate?.check])).toEqual([
      ['tollgate-6005-agent-lifecycle', 'actor_not_reviewer'],
      ['tollgate-6006-connector-granted', 'connector_granted'],
      ['tollgate-6004-first-connector-action', 'first_use'],
      ['tollgate-6003-published-without-approval', 'published_without_approval'],
      ['tollgate-6001-shared-invocation-with-writes', 'agent_has_write_actions'],
      ['tollgate-6003-unapproved-write-by-trifecta', 'write_action_by_trifecta'],
    ]);
    const matched = (id: string) =>
      records.filter(compileDetection(rules.find((r) => r.id === id)!.detection)).map((r) => r.event_type);
    expect(matched('tollgate-6005-agent-lifecycle')).toEqual(['AGENT_DELETED']);
    expect(matched('tollgate-6006-connector-granted')).toEqual([
      'AGENT_UPDATED',
      'AGENT_PUBLISHED',
      'CONNECTOR_OAUTH_RESOLVED',
    ]);
    expect(matched('tollgate-6004-first-connector-action')).toEqual(['CONNECTOR_CALL_REQUESTED']);
    expect(matched('tollgate-6003-published-without-approval')).toEqual(['AGENT_PUBLISHED']);
    expect(matched('tollgate-6003-unapproved-write-by-trifecta')).toEqual([]); // the sample's call asked for approval
    expect(matched('tollgate-6001-shared-invocation-with-writes')).toEqual([]);
  });

  it('supports value lists, modifiers, null, nested paths and conditions with and / or / not / of', () => {
    const detection = {
      sel_call: { 'event_type|startswith': 'connector_call', 'event_details.connector_id|re': '^sales' },
      sel_mcp: [{ 'event_details.connector_id|startswith': 'mcp' }, { 'event_details.connector_name|contains': 'MCP' }],
      filter_read: { 'event_details.action_name': ['read', 'search'] },
      missing: { 'event_details.link_id': null },
      tags: { 'event_details.tags|all': ['a', 'b'] },
      condition: '(1 of sel_*) and not filter_read or (missing and tags)',
    };
    const p = compileDetection(detection);
    expect(
      p({
        event_type: 'CONNECTOR_CALL_REQUESTED',
        event_details: { connector_id: 'salesforce', action_name: 'update' },
      }),
    ).toBe(true);
    expect(
      p({ event_type: 'CONNECTOR_CALL_REQUESTED', event_details: { connector_id: 'salesforce', action_name: 'READ' } }),
    ).toBe(false);
    expect(p({ event_type: 'X', event_details: { connector_name: 'Acme mcp bridge' } })).toBe(true);
    expect(p({ event_type: 'X', event_details: { tags: ['a', 'b', 'c'] } })).toBe(true);
    expect(p({ event_type: 'X', event_details: { tags: ['a'] } })).toBe(false);
    expect(compileDetection({ a: { x: 1 }, b: { y: true }, condition: 'all of them' })({ x: 1, y: true })).toBe(true);
  });

  it('reports YAML errors with line and column, and bad rules by what is wrong', () => {
    const head = `title: x\nid: ${ID}\nname: x\n`;
    expect(() => parseRule(`${head}level: high\ndetection:\n  sel: [a\n`, 'bad.yml')).toThrow(RuleError);
    try {
      parseRule(`${head}level: high\ndetection:\n  sel: [a\n`, 'bad.yml');
    } catch (error) {
      expect((error as RuleError).line).toBeGreaterThanOrEqual(5);
      expect((error as Error).message).toMatch(/^bad\.yml:\d+:\d+: /);
    }
    expect(() => parseRule(`${head}level: severe\ndetection: {condition: s, s: {a: 1}}`, 'lvl.yml')).toThrow(
      /"level" must be one of/,
    );
    expect(() => parseRule(`${head}level: low\ndetection: {condition: s and t, s: {a: 1}}`, 'cond.yml')).toThrow(
      /names "t", which is not a selection/,
    );
    expect(() => parseRule(`${head}level: low\ndetection: {condition: s, s: {a|fuzzy: 1}}`, 'mod.yml')).toThrow(
      /unknown modifier \|fuzzy/,
    );
  });

  it('refuses what Sigma tools refuse: a non-UUID id, no name, Sigma 1.x timeframe, a malformed ATT&CK tag', () => {
    const rule = (over: string, detection = '{condition: s, s: {a: 1}}') =>
      `title: x\n${over}\nlevel: low\ndetection: ${detection}\n`;
    expect(() => parseRule(rule('id: tollgate-6004-x\nname: x'), 'a.yml')).toThrow(
      /"id" must be a UUID, as Sigma requires \(keep a readable id as "name"\); got "tollgate-6004-x"/,
    );
    expect(() => parseRule(rule(`id: ${ID}`), 'b.yml')).toThrow(/"name" is required/);
    expect(() => parseRule(rule(`id: ${ID}\nname: x`, '{condition: s, s: {a: 1}, timeframe: 30d}'), 'c.yml')).toThrow(
      /"detection.timeframe" is Sigma 1.x/,
    );
    expect(() => parseRule(rule(`id: ${ID}\nname: x\ntags: [attack.defense_evasion]`), 'd.yml')).toThrow(
      /neither an ATT&CK id .* nor a tactic as Sigma 2.0 spells it/,
    );
    expect(() => parseRule(rule(`id: ${ID}\nname: x\ntags: [attack.T1567]`), 'e.yml')).toThrow(
      /not "namespace.value" in lowercase/,
    );
    expect(
      parseRule(
        rule(`id: ${ID}\nname: x\ntags: [attack.exfiltration, attack.t1567.002, tlp.clear, custom.anything]`),
        'f.yml',
      ).tags,
    ).toHaveLength(4);
  });

  it('reads a correlation in a further YAML document, tied to the rule and to Tollgate’s own look-back', () => {
    const first = builtinRules().find((r) => r.id === 'tollgate-6004-first-connector-action')!;
    expect(first.correlations).toEqual([
      {
        id: '11d5bfc8-fee4-4fc0-a84c-83a61447c576',
        name: 'tollgate-6004-first-connector-action-30d',
        type: 'event_count',
        timespan: '30d',
        groupBy: ['event_details.agent_id', 'event_details.connector_id', 'event_details.action_name'],
      },
    ]);
    expect(first.tollgate?.lookback_days).toBe(30);
    const base =
      `title: x\nid: ${ID}\nname: base\nlevel: low\ndetection: {condition: s, ` +
      `s: {a: 1}}\ntollgate: {check: first_use, lookback_days: 30}\n`;
    const corr = (rules: string, timespan: string) =>
      `---\ntitle: c\nid: 0b7e1c2a-5d4f-4e3a-9c8b-7a6f5e4d3c2b\ncorrelation: ` +
      `{type: event_count, rules: [${rules}], group-by: [a], timespan: ` +
      `${timespan}, condition: {eq: 1}}\n`;
    expect(parseRule(base + corr('base', '720h'), 'ok.yml').correlations).toHaveLength(1);
    expect(() => parseRule(base + corr('other', '30d'), 'ref.yml')).toThrow(
      /must refer to the file's rule by its name "base"/,
    );
    expect(() => parseRule(base + corr('base', '7d'), 'drift.yml')).toThrow(
      /timespan 7d differs from tollgate.lookback_days 30/,
    );
    expect(() => parseRule(base + corr('base', '30 days'), 'span.yml')).toThrow(
      /"timespan" must be a number and a unit/,
    );
    expect(() => parseRule(`${base}---\n${base}`, 'two.yml')).toThrow(/exactly one detection rule, found 2/);
  });
});
