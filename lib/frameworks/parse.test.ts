// Every framework catalogue file as shipped, and what a bad one is refused with: the file, the line and the id.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS, FRAMEWORKS_DIR, knownSources, loadFrameworkCatalogues } from './catalogues.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { FRAMEWORK_KEYS, FrameworkFileError, MAX_FILE_BYTES, parseFrameworkFile } from './parse.ts';

const known = knownSources();
const FILE = 'data/frameworks/owasp_llm.yaml';
const good = (mappings = '[]', items = '  - { id: LLM01, title: Prompt injection }\n') =>
  [
    'key: owasp_llm',
    'title: OWASP LLM',
    'edition: "2025"',
    'publisher: OWASP',
    'uri: https://genai.owasp.org/',
    'groups: []',
    'items:',
    `${items}mappings: ${mappings}`,
  ].join('\n');

function refusal(text: string, file = FILE): FrameworkFileError {
  try {
    parseFrameworkFile(text, file, known);
  } catch (error) {
    expect(error).toBeInstanceOf(FrameworkFileError);
    return error as FrameworkFileError;
  }
  throw new Error('expected the file to be refused');
}

describe('the shipped catalogues', () => {
  const all = loadFrameworkCatalogues();

  it.each(FRAMEWORK_KEYS)('%s parses, with its edition, unique ids and mappings to its own items', (key) => {
    const c = all[key];
    expect(c.key).toBe(key);
    expect(c.edition).not.toBe('');
    expect(new Set(c.items.map((i) => i.id)).size).toBe(c.items.length);
    const ids = new Set(c.items.map((i) => i.id));
    for (const m of c.mappings) for (const to of m.to) expect(ids.has(to), `${key}: ${m.from} → ${to}`).toBe(true);
  });

  it('has the item counts of each edition (ISO 42001 Annex A: 38, ISO 27001:2022 Annex A: 93, the Top 10s: 10)', () => {
    expect(all.iso42001.items).toHaveLength(38);
    expect(all.iso27001.items).toHaveLength(93);
    expect(all.owasp_llm.items.map((i) => i.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `LLM${`${i + 1}`.padStart(2, '0')}`),
    );
    expect(all.owasp_agentic.items.map((i) => i.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `ASI${`${i + 1}`.padStart(2, '0')}`),
    );
    expect(all.nist_ai_rmf.items.filter((i) => i.group !== 'AI-600-1')).toHaveLength(19);
  });

  it('maps every guide control and every Tollgate check somewhere, each mapping with a reason', () => {
    const from = new Set(FRAMEWORK_KEYS.flatMap((k) => all[k].mappings.map((m) => m.from)));
    const missing = [
      ...CATALOGUE.controls.map((c) => `control:${c.id}`).filter((s) => !from.has(s)),
      ...[...CHECKS.keys()].filter((s) => !from.has(s)),
    ];
    expect(missing).toEqual([]);
    for (const k of FRAMEWORK_KEYS) for (const m of all[k].mappings) expect(m.why.length).toBeGreaterThan(10);
  });

  it('keeps titles short: ids and a few words of our own, never a standard’s text', () => {
    for (const k of FRAMEWORK_KEYS) for (const i of all[k].items) expect(i.title.length).toBeLessThanOrEqual(70);
  });

  it('refuses a missing file by its name', () => {
    expect(() => loadFrameworkCatalogues(path.join(FRAMEWORKS_DIR, 'nowhere'))).toThrow(
      'data/frameworks/iso42001.yaml: missing',
    );
  });
});

describe('a bad catalogue file', () => {
  it('accepts a minimal good one, with each item’s line', () => {
    const c = parseFrameworkFile(good(), FILE, known);
    expect(c.items).toEqual([{ id: 'LLM01', title: 'Prompt injection', line: 8 }]);
  });

  it('refuses a duplicate id with both lines', () => {
    const e = refusal(
      good('[]', '  - { id: LLM01, title: A }\n  - { id: LLM02, title: B }\n  - { id: LLM01, title: C }\n'),
    );
    expect(e.message).toBe(`${FILE}:10 (LLM01): duplicate item id (first on line 8)`);
  });

  it('refuses a mapping to an id the framework does not have', () => {
    const e = refusal(good('\n  - { from: control:6.4, to: [LLM99], why: detects the trifecta }\n'));
    expect(e.message).toBe(`${FILE}:10 (LLM99): no item of owasp_llm has this id`);
  });

  it('refuses a mapping from a control or a check that does not exist', () => {
    expect(refusal(good('\n  - { from: control:9.9, to: [LLM01], why: nothing }\n')).message).toBe(
      `${FILE}:10 (control:9.9): no control of the guide has this id`,
    );
    expect(refusal(good('\n  - { from: rule:no-such-rule, to: [LLM01], why: nothing }\n')).message).toBe(
      `${FILE}:10 (rule:no-such-rule): Tollgate has no check with this id`,
    );
  });

  it('refuses the same mapping twice', () => {
    const twice =
      '\n  - { from: control:6.4, to: [LLM01], why: one }\n  - { from: control:6.4, to: [LLM01], why: two }\n';
    expect(refusal(good(twice)).message).toBe(
      `${FILE}:11 (LLM01): control:6.4 is mapped to it twice (first on line 10)`,
    );
  });

  it('refuses __proto__, constructor and prototype keys wherever they are', () => {
    expect(refusal(`${good()}\n__proto__: { polluted: true }\n`).message).toBe(`${FILE}:10 (__proto__): key refused`);
    const nested = good('[]', '  - { id: LLM01, title: A, constructor: x }\n');
    expect(refusal(nested).message).toBe(`${FILE}:8 (constructor): key refused`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses unknown fields, a wrong key, YAML errors and a file too large', () => {
    expect(refusal(good('[]', '  - { id: LLM01, title: A, text: the standard }\n')).message).toMatch(
      /^data\/frameworks\/owasp_llm\.yaml:8 \(LLM01\): items\.0: Unrecognized key/,
    );
    expect(refusal(good(), 'data/frameworks/owasp_agentic.yaml').message).toBe(
      "data/frameworks/owasp_agentic.yaml:1 (owasp_llm): the key must be the file's name, owasp_agentic",
    );
    expect(refusal(`${good()}\nkey: again\n`).message).toMatch(/^data\/frameworks\/owasp_llm\.yaml:10: /);
    expect(refusal(`${good()}\n#${'x'.repeat(MAX_FILE_BYTES)}`).message).toBe(
      `${FILE}: larger than ${MAX_FILE_BYTES} bytes`,
    );
  });

  it('refuses aliases (no billion laughs)', () => {
    const text = good('[]', '  - &a { id: LLM01, title: A }\n  - *a\n');
    expect(refusal(text).message).toBe(`${FILE}:9: anchors and aliases are refused`);
  });

  it('reads the shipped files the same way as the loader', () => {
    const text = readFileSync(path.join(FRAMEWORKS_DIR, 'mitre_atlas.yaml'), 'utf8');
    expect(parseFrameworkFile(text, 'data/frameworks/mitre_atlas.yaml', known).items.length).toBeGreaterThan(30);
  });
});
