// The catalogue data against the guide's own text: the guide is parsed here, independently of the data file
// (headings, Profile Level lines, each control's Framework table, the section 7 tables).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, controlById, parseCatalogue } from './catalogue.ts';
import { knownSources } from '@/lib/frameworks/catalogues.ts';
import { parseFrameworkFile } from '@/lib/frameworks/parse.ts';

const text = readFileSync(
  new URL('../../test/fixtures/guide/chatgpt-enterprise-hardening-guide.txt', import.meta.url),
  'utf8',
);
const lines = text.split(/\r?\n/);

type Parsed = {
  id: string;
  title: string;
  section: number;
  sectionTitle: string;
  level: string | null;
  cis: string[];
  nist: string[];
};

const LEVEL_NAMES: Record<string, string> = { L1: 'Crawl', L2: 'Walk', L3: 'Run' };
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The rows of the section 7 table titled `title` (its header row skipped), up to the next blank line. */
function tableAfter(title: string): string[] {
  const start = lines.indexOf(title);
  expect(start, `section 7 has "${title}"`).toBeGreaterThan(0);
  let i = start + 1;
  while (lines[i].trim() === '') i++;
  const rows: string[] = [];
  for (i++; i < lines.length && lines[i].trim() !== ''; i++) rows.push(lines[i]);
  return rows;
}

function parseGuide() {
  const end = lines.indexOf('7. Compliance Quick Reference');
  const controls: Parsed[] = [];
  let sectionTitle = '';
  for (let i = 0; i < end; i++) {
    const section = /^([1-6])\. (.+)$/.exec(lines[i]);
    if (section) sectionTitle = section[2];
    const heading = /^(\d)\.(\d+) (.+)$/.exec(lines[i]);
    if (!heading) continue;
    const control: Parsed = {
      id: `${heading[1]}.${heading[2]}`,
      title: heading[3],
      section: Number(heading[1]),
      sectionTitle,
      level: null,
      cis: [],
      nist: [],
    };
    // The control's block runs to the next heading of a control or a section.
    let j = i + 1;
    while (j < end && !/^\d\.(\d+)? /.test(lines[j])) j++;
    const block = lines.slice(i + 1, j);
    const level = block.map((l) => /^Profile Level: (L[123]) \((\w+)\)$/.exec(l)).find(Boolean);
    if (level) {
      expect(LEVEL_NAMES[level[1]], `${control.id}: level name`).toBe(level[2]);
      control.level = level[1];
    }
    const table = block.indexOf('Framework Control');
    if (table >= 0) {
      for (let k = table + 1; k < block.length && block[k].trim() !== ''; k++) {
        const cis = /^CIS Controls (.+)$/.exec(block[k]);
        const nist = /^NIST 800-53 (.+)$/.exec(block[k]);
        if (cis) control.cis = list(cis[1]);
        else if (nist) control.nist = list(nist[1]);
        else throw new Error(`${control.id}: unexpected framework row "${block[k]}"`);
      }
    }
    controls.push(control);
  }
  return controls;
}

/** Section 7 rows "<framework id> <description> <guide section>" as [framework id, control id]. */
const mappingRows = (title: string, idPattern: string) =>
  tableAfter(title).map((row) => {
    const m = new RegExp(`^(${idPattern}) .+ (\\d\\.\\d+)$`).exec(row);
    if (!m) throw new Error(`unexpected row in "${title}": ${row}`);
    return [m[1], m[2]] as const;
  });

const guide = parseGuide();
const soc2Rows = mappingRows('SOC 2 Trust Services Criteria Mapping', 'CC\\d+\\.\\d+');
const nistRows = mappingRows('NIST 800-53 Rev 5 Mapping', '[A-Z]{2}-\\d+(?:\\(\\d+\\))?');

describe('the catalogue matches the guide', () => {
  it('names the guide and its version as the text does', () => {
    expect(lines[0]).toMatch(/^v(\S+) /);
    expect(CATALOGUE.version).toBe(/^v(\S+) /.exec(lines[0])![1]);
    expect(CATALOGUE.guide).toBe(lines[2]);
  });

  it('has every control from 1.1 to 6.7, in the guide’s order', () => {
    expect(guide.map((c) => c.id)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '3.1',
      '3.2',
      '3.3',
      '4.1',
      '4.2',
      '4.3',
      '5.1',
      '5.2',
      '6.1',
      '6.2',
      '6.3',
      '6.4',
      '6.5',
      '6.6',
      '6.7',
    ]);
    expect(CATALOGUE.controls.map((c) => c.id)).toEqual(guide.map((c) => c.id));
    expect(CATALOGUE.controls.map((c) => c.position)).toEqual(guide.map((_, i) => i + 1));
  });

  it.each(guide.map((c) => [c.id, c] as const))(
    '%s: title, section, level, CIS and NIST as in its heading and table',
    (id, parsed) => {
      const c = controlById(id)!;
      expect({
        id: c.id,
        title: c.title,
        section: c.section,
        sectionTitle: c.sectionTitle,
        level: c.level,
        cis: c.cis,
        nist: c.nist,
      }).toEqual(parsed);
    },
  );

  it('has SOC 2 exactly as section 7 maps it, and none elsewhere', () => {
    expect(soc2Rows.length).toBe(8);
    for (const c of CATALOGUE.controls) {
      expect(c.soc2, c.id).toEqual(soc2Rows.filter(([, id]) => id === c.id).map(([soc2]) => soc2));
    }
  });

  it('takes NIST from the controls’ own tables; every section 7 NIST row is among them', () => {
    expect(nistRows.length).toBe(11);
    for (const [nist, id] of nistRows) expect(controlById(id)?.nist, `${nist} → ${id}`).toContain(nist);
  });

  it('gives Article 22 to the controls its GDPR row names (6.3)', () => {
    const row = tableAfter('GDPR Considerations').find((r) => r.startsWith('Article 22'))!;
    const named = [...row.matchAll(/\b(\d\.\d+)\b/g)].map((m) => m[1]);
    expect(named).toEqual(['6.3']);
    expect(CATALOGUE.controls.filter((c) => c.gdpr.includes('art22-automated-decisions')).map((c) => c.id)).toEqual(
      named,
    );
  });

  it('gives Article 32 to SOC 2 and encryption (2.1, 2.3) and to every control with an AC or IA id (0013)', () => {
    const accessControls = guide.filter((c) => c.nist.some((n) => /^(AC|IA)-/.test(n))).map((c) => c.id);
    const expected = CATALOGUE.controls
      .filter((c) => ['2.1', '2.3'].includes(c.id) || accessControls.includes(c.id))
      .map((c) => c.id);
    expect(CATALOGUE.controls.filter((c) => c.gdpr.includes('art32-security-of-processing')).map((c) => c.id)).toEqual(
      expected,
    );
  });

  it('section 7 lists the six GDPR requirements the tokens stand for', () => {
    const rows = tableAfter('GDPR Considerations');
    const names = [
      'Data minimization ',
      'Purpose limitation ',
      'Data portability ',
      'Right to erasure ',
      'Security of processing ',
      'Article 22 ',
    ];
    expect(rows.length).toBe(names.length);
    for (const [i, row] of rows.entries()) expect(row.startsWith(names[i]), row).toBe(true);
  });
});

describe('parseCatalogue', () => {
  const valid = () =>
    JSON.parse(JSON.stringify({ ...CATALOGUE, controls: CATALOGUE.controls.map(({ position: _p, ...c }) => c) }));

  it('accepts the shipped data', () => {
    expect(parseCatalogue(valid(), 'copy').controls).toEqual(CATALOGUE.controls);
  });

  it('names the control and the field of each error', () => {
    const data = valid();
    data.controls[5].level = 'L4';
    data.controls[19].nist.push('si-4');
    delete data.controls[0].assessment;
    expect(() => parseCatalogue(data, 'bad.json')).toThrowError(/control 2\.2, field level/);
    expect(() => parseCatalogue(data, 'bad.json')).toThrowError(/control 6\.4, field nist\.2/);
    expect(() => parseCatalogue(data, 'bad.json')).toThrowError(/control 1\.1, field assessment/);
    expect(() => parseCatalogue(data, 'bad.json')).toThrowError(/^Invalid control catalogue bad\.json/);
  });

  it('refuses unknown fields, duplicate ids and a section that does not match the id', () => {
    const extra = valid();
    extra.controls[0].owner = 'x';
    expect(() => parseCatalogue(extra, 'x')).toThrowError(/control 1\.1, field \(the control itself\)/);
    const dup = valid();
    dup.controls[1].id = '1.1';
    expect(() => parseCatalogue(dup, 'x')).toThrowError(/control 1\.1, field id: appears twice/);
    const section = valid();
    section.controls[2].section = 2;
    expect(() => parseCatalogue(section, 'x')).toThrowError(/control 1\.3, field section/);
  });

  it('finds a control by id', () => {
    expect(controlById('6.4')?.title).toBe('Detect Lethal-Trifecta Agents and First-Use MCP Tools');
    expect(controlById('7.1')).toBeUndefined();
  });
});

// The framework catalogues (data/frameworks/*.yaml, issue 21), read here line by line without the loader: each
// file's ids against the ids its edition defines (listed independently below), each unique, each mapping to an id
// of its own file from a control the guide's text has, and no key that could reach an object's prototype.
describe('the framework catalogues, read independently of their loader', () => {
  const range = (prefix: string, from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
  const two = (prefix: string) => range(prefix, 1, 10).map((id) => id.replace(/(\D)(\d)$/, '$10$2'));
  /** What each edition defines, or (for ATLAS and the AI Act, where we keep a selection) the form of an id. */
  const DEFINED: Record<string, string[] | RegExp> = {
    iso42001: [
      ...range('A.2.', 2, 4),
      ...range('A.3.', 2, 3),
      ...range('A.4.', 2, 6),
      ...range('A.5.', 2, 5),
      'A.6.1.2',
      'A.6.1.3',
      ...range('A.6.2.', 2, 8),
      ...range('A.7.', 2, 6),
      ...range('A.8.', 2, 5),
      ...range('A.9.', 2, 4),
      ...range('A.10.', 2, 4),
    ],
    iso27001: [...range('A.5.', 1, 37), ...range('A.6.', 1, 8), ...range('A.7.', 1, 14), ...range('A.8.', 1, 34)],
    nist_ai_rmf: [
      ...range('GOVERN ', 1, 6),
      ...range('MAP ', 1, 5),
      ...range('MEASURE ', 1, 4),
      ...range('MANAGE ', 1, 4),
      ...[
        'cbrn',
        'confabulation',
        'dangerous-content',
        'data-privacy',
        'environmental',
        'harmful-bias',
        'human-ai-configuration',
        'information-integrity',
        'information-security',
        'intellectual-property',
        'obscene-content',
        'value-chain',
      ].map((r) => `gai-${r}`),
    ],
    eu_ai_act: /^art(4|5|25-1|26-([1-9]|1[0-2])|27|50-[1-4]|86)$/,
    owasp_agentic: two('ASI'),
    owasp_llm: two('LLM'),
    mitre_atlas: /^AML\.T\d{4}(\.\d{3})?$/,
  };
  const dir = new URL('../../data/frameworks/', import.meta.url);
  const controls = new Set(guide.map((c) => c.id));

  it.each(Object.keys(DEFINED))('%s: every id is one its edition defines, once; every mapping resolves', (key) => {
    const fileLines = readFileSync(new URL(`${key}.yaml`, dir), 'utf8').split('\n');
    const ids: string[] = [];
    const mapped: { line: number; from: string; to: string[] }[] = [];
    let section = '';
    fileLines.forEach((l, n) => {
      const top = /^([a-z_]+):/.exec(l);
      if (top) section = top[1]!;
      expect(l, `${key}.yaml:${n + 1}`).not.toMatch(/(^|[\s{,])["']?(__proto__|constructor|prototype)["']?\s*:/);
      const item = /^ {2}- \{ id: ([^,]+),/.exec(l);
      if (section === 'items' && item) ids.push(item[1]!.trim());
      const m = /^ {2}- \{ from: ([^,]+), to: \[([^\]]+)\],/.exec(l);
      if (section === 'mappings' && m)
        mapped.push({ line: n + 1, from: m[1]!, to: m[2]!.split(',').map((s) => s.trim()) });
    });
    expect(fileLines.find((l) => l.startsWith('key: '))).toBe(`key: ${key}`);
    expect(ids.length).toBeGreaterThan(0);
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      'duplicate ids',
    ).toEqual([]);
    const defined = DEFINED[key]!;
    if (Array.isArray(defined)) expect([...ids].sort()).toEqual([...defined].sort());
    else for (const id of ids) expect(id, `${key}: ${id}`).toMatch(defined);
    expect(mapped.length).toBeGreaterThan(0);
    for (const m of mapped) {
      for (const to of m.to) expect(ids, `${key}.yaml:${m.line}: ${to}`).toContain(to);
      if (m.from.startsWith('control:')) expect(controls.has(m.from.slice(8)), `${key}.yaml:${m.line}`).toBe(true);
    }
  });

  it('the loader refuses what this reading would let through: a __proto__ key', () => {
    const text = readFileSync(new URL('owasp_llm.yaml', dir), 'utf8').replace(
      '  - { id: LLM01,',
      '  - { __proto__: { polluted: true }, id: LLM01,',
    );
    expect(() => parseFrameworkFile(text, 'data/frameworks/owasp_llm.yaml', knownSources())).toThrow(
      /^data\/frameworks\/owasp_llm\.yaml:\d+ \(__proto__\): key refused$/,
    );
  });
});
