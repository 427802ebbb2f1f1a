// Evidence-set serialisation, pure: formula-safe CSV cells, one canonical text for dates, arrays and objects,
// a JSON array that parses back to the rows, and the same bytes for the same rows.
import { describe, expect, it } from 'vitest';
import { cellText, csvLines, jsonLines } from './serialize.ts';
import { csvObjects, parseCsv, text } from './sets.fixture.ts';

const def = { name: 'sample', columns: ['id', 'name', 'at', 'apps', 'scope', 'flag', 'count', 'none'] };

async function* rowsOf(rows: Record<string, unknown>[]) {
  yield* rows;
}

const ROWS: Record<string, unknown>[] = [
  {
    id: 'r1',
    name: '=HYPERLINK("http://evil","x")',
    at: new Date('2026-03-02T09:00:00Z'),
    apps: ['Gmail', '+Slack'],
    scope: { z: 1, a: { y: [2, 1], b: null } },
    flag: true,
    count: 3,
    none: null,
  },
  {
    id: 'r2',
    name: 'Multi\nline, "quoted"',
    at: new Date('2026-03-03T10:30:00.123Z'),
    apps: [],
    scope: {},
    flag: false,
    count: -4,
    none: undefined,
  },
  {
    id: '@r3',
    name: '\tTabbed',
    at: null,
    apps: [{ url: 'https://x.example', addedBy: 'a' }, { filename: '-x.pdf' }],
    scope: null,
    flag: false,
    count: 0,
    none: 'x',
  },
];

describe('csvLines', () => {
  it('writes the header and one record per row, every cell that could start a formula prefixed', async () => {
    const records = parseCsv(await text(csvLines(def, rowsOf(ROWS))));
    expect(records[0]).toEqual(def.columns);
    expect(records).toHaveLength(4);
    const [r1, r2, r3] = csvObjects(await text(csvLines(def, rowsOf(ROWS))));
    expect(r1).toEqual({
      id: 'r1',
      name: `'=HYPERLINK("http://evil","x")`,
      at: '2026-03-02T09:00:00.000Z',
      apps: 'Gmail; +Slack',
      scope: '{"a":{"b":null,"y":[2,1]},"z":1}',
      flag: 'true',
      count: '3',
      none: '',
    });
    expect(r2).toMatchObject({
      name: 'Multi\nline, "quoted"',
      at: '2026-03-03T10:30:00.123Z',
      apps: '',
      scope: '{}',
      flag: 'false',
      count: `'-4`,
      none: '',
    });
    expect(r3).toMatchObject({
      id: `'@r3`,
      name: `'\tTabbed`,
      at: '',
      apps: '{"addedBy":"a","url":"https://x.example"}; {"filename":"-x.pdf"}',
      scope: '',
    });
  });

  it('writes only the header for no rows', async () => {
    expect(await text(csvLines(def, rowsOf([])))).toBe('id,name,at,apps,scope,flag,count,none\n');
  });

  it('gives the same bytes for the same rows, whatever the key order of their objects', async () => {
    const shuffled = ROWS.map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .reverse()
          .map(([k, v]) => [
            k,
            v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
              ? Object.fromEntries(Object.entries(v).reverse())
              : v,
          ]),
      ),
    );
    const a = await text(csvLines(def, rowsOf(ROWS)));
    expect(await text(csvLines(def, rowsOf(shuffled)))).toBe(a);
    expect(await text(jsonLines(def, rowsOf(shuffled)))).toBe(await text(jsonLines(def, rowsOf(ROWS))));
  });

  it('streams many rows in chunks that join to the whole file', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ id: `r${i}`, name: 'x'.repeat(40) }));
    const chunks: string[] = [];
    for await (const chunk of csvLines(def, rowsOf(many))) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    const records = parseCsv(chunks.join(''));
    expect(records).toHaveLength(3001);
    expect(records[3000]![0]).toBe('r2999');
  });
});

describe('jsonLines', () => {
  it('writes a JSON array, one canonical row per line, that parses back to the rows', async () => {
    const json = await text(jsonLines(def, rowsOf(ROWS)));
    const lines = json.split('\n');
    expect(lines[0]).toBe('[');
    expect(lines[1]).toBe(
      '{"apps":["Gmail","+Slack"],"at":"2026-03-02T09:00:00.000Z","count":3,"flag":true,"id":"r1",' +
        '"name":"=HYPERLINK(\\"http://evil\\",\\"x\\")","none":null,"scope":{"a":{"b":null,"y":[2,1]},"z":1}},',
    );
    expect(lines.slice(-2)).toEqual([']', '']);
    const parsed = JSON.parse(json) as Record<string, unknown>[];
    expect(parsed).toHaveLength(3);
    expect(parsed[1]).toEqual({
      id: 'r2',
      name: 'Multi\nline, "quoted"',
      at: '2026-03-03T10:30:00.123Z',
      apps: [],
      scope: {},
      flag: false,
      count: -4,
    });
  });

  it('writes an empty array for no rows', async () => {
    const json = await text(jsonLines(def, rowsOf([])));
    expect(json).toBe('[\n]\n');
    expect(JSON.parse(json)).toEqual([]);
  });
});

describe('cellText', () => {
  it('writes bigints and nested dates in one form', () => {
    expect(cellText(12n)).toBe('12');
    expect(cellText({ when: new Date('2026-01-01T00:00:00Z') })).toBe('{"when":"2026-01-01T00:00:00.000Z"}');
    expect(cellText([new Date('2026-01-01T00:00:00Z'), 'b'])).toBe('2026-01-01T00:00:00.000Z; b');
  });
});
