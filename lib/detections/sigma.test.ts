import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from './builtin.ts';
import { compileDetection, parseRule, RuleError } from './sigma.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../../test/fixtures/compliance-logs/custom-agents-log.sample.jsonl');
const records = readFileSync(SAMPLE, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('Sigma-style rules', () => {
  it('parses every built-in rule, each with its stateful check, and matches the reference records they target', () => {
    const rules = builtinRules();
    expect(rules.map((r) => [r.id, r.tollgate?.check])).toEqual([
      ['tollgate-6005-agent-lifecycle', 'actor_not_reviewer'],
      ['tollgate-6006-connector-granted', 'connector_granted'],
      ['tollgate-6004-first-connector-action', 'first_use'],
      ['tollgate-6003-published-without-approval', 'published_without_approval'],
      ['tollgate-6001-shared-invocation-with-writes', 'agent_has_write_actions'],
      ['tollgate-6003-unapproved-write-by-trifecta', 'write_action_by_trifecta'],
    ]);
    const matched = (id: string) => records.filter(compileDetection(rules.find((r) => r.id === id)!.detection)).map((r) => r.event_type);
    expect(matched('tollgate-6005-agent-lifecycle')).toEqual(['AGENT_DELETED']);
    expect(matched('tollgate-6006-connector-granted')).toEqual(['AGENT_UPDATED', 'AGENT_PUBLISHED', 'CONNECTOR_OAUTH_RESOLVED']);
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
    expect(p({ event_type: 'CONNECTOR_CALL_REQUESTED', event_details: { connector_id: 'salesforce', action_name: 'update' } })).toBe(true);
    expect(p({ event_type: 'CONNECTOR_CALL_REQUESTED', event_details: { connector_id: 'salesforce', action_name: 'READ' } })).toBe(false);
    expect(p({ event_type: 'X', event_details: { connector_name: 'Acme mcp bridge' } })).toBe(true);
    expect(p({ event_type: 'X', event_details: { tags: ['a', 'b', 'c'] } })).toBe(true);
    expect(p({ event_type: 'X', event_details: { tags: ['a'] } })).toBe(false);
    expect(compileDetection({ a: { x: 1 }, b: { y: true }, condition: 'all of them' })({ x: 1, y: true })).toBe(true);
  });

  it('reports YAML errors with line and column, and bad rules by what is wrong', () => {
    expect(() => parseRule('title: x\nid: y\nlevel: high\ndetection:\n  sel: [a\n', 'bad.yml')).toThrow(RuleError);
    try {
      parseRule('title: x\nid: y\nlevel: high\ndetection:\n  sel: [a\n', 'bad.yml');
    } catch (error) {
      expect((error as RuleError).line).toBeGreaterThanOrEqual(5);
      expect((error as Error).message).toMatch(/^bad\.yml:\d+:\d+: /);
    }
    expect(() => parseRule('title: x\nid: y\nlevel: severe\ndetection: {condition: s, s: {a: 1}}', 'lvl.yml')).toThrow(/"level" must be one of/);
    expect(() => parseRule('title: x\nid: y\nlevel: low\ndetection: {condition: s and t, s: {a: 1}}', 'cond.yml')).toThrow(/names "t", which is not a selection/);
    expect(() => parseRule('title: x\nid: y\nlevel: low\ndetection: {condition: s, s: {a|fuzzy: 1}}', 'mod.yml')).toThrow(/unknown modifier \|fuzzy/);
  });
});
