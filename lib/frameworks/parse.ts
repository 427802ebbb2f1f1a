// One framework catalogue file (data/frameworks/<key>.yaml), pure: its items (ids and Tollgate's own short titles)
// and the mappings from guide controls and Tollgate's checks to them, each with its reason. Every refusal names the
// file, the line and the id. Decision record: docs/decisions/0040-framework-catalogues.md.
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { z } from 'zod';

export const FRAMEWORK_KEYS = [
  'iso42001',
  'iso27001',
  'nist_ai_rmf',
  'eu_ai_act',
  'owasp_agentic',
  'owasp_llm',
  'mitre_atlas',
] as const;
export type FrameworkKey = (typeof FRAMEWORK_KEYS)[number];

/** A file larger than this is refused before it is parsed (the largest today is about 12 KB). */
export const MAX_FILE_BYTES = 512 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** `control:6.4`, `finding:gpt-no-owner`, `rule:tollgate-6004-…`, `campaign:decided`, `platform-action:confirmed`. */
const SOURCE = /^(control|finding|rule|campaign|platform-action):[A-Za-z0-9._-]+$/;

const oneLine = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !/[\r\n]/.test(s), 'must be one line');

const itemSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 .:_-]{0,39}$/, 'expected an id such as "A.6.2.8" or "LLM01"'),
  title: oneLine(100),
  group: z.string().min(1).optional(),
  applies_from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2026-08-02')
    .optional(),
});
const mappingSchema = z.strictObject({
  from: z.string().regex(SOURCE, 'expected control:<id>, finding:<kind>, rule:<name>, campaign:… or platform-action:…'),
  to: z.array(z.string().min(1)).min(1),
  why: oneLine(240),
});
const fileSchema = z.strictObject({
  key: z.enum(FRAMEWORK_KEYS),
  title: oneLine(80),
  edition: oneLine(120),
  publisher: oneLine(80),
  uri: z.string().regex(/^https:\/\/\S+$/, 'expected an https:// address'),
  groups: z.array(z.strictObject({ id: z.string().min(1), title: oneLine(80) })),
  items: z.array(itemSchema).min(1),
  mappings: z.array(mappingSchema),
});

export type FrameworkItem = z.infer<typeof itemSchema> & { line: number };
export type FrameworkMapping = z.infer<typeof mappingSchema> & { line: number };
export type FrameworkCatalogue = Omit<z.infer<typeof fileSchema>, 'items' | 'mappings'> & {
  file: string;
  items: FrameworkItem[];
  mappings: FrameworkMapping[];
};

/** The sources a mapping may name: the guide's control ids and Tollgate's check ids (`finding:…`, `rule:…`…). */
export type KnownSources = { controls: ReadonlySet<string>; checks: ReadonlySet<string> };

export class FrameworkFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly id: string | null,
    reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}${id ? ` (${id})` : ''}: ${reason}`);
  }
}

export function parseFrameworkFile(text: string, file: string, known: KnownSources): FrameworkCatalogue {
  if (Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES)
    throw new FrameworkFileError(file, null, null, `larger than ${MAX_FILE_BYTES} bytes`);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? null : lines.linePos(offset).line);
  const first = doc.errors[0];
  if (first) throw new FrameworkFileError(file, lineAt(first.pos[0]), null, first.message.split('\n')[0]!);
  refuseForbiddenKeys(doc, file, lineAt);
  const data = doc.toJS({ maxAliasCount: 0 }) as unknown;
  const nodeLine = (path: (string | number)[]) => {
    for (let p = path; p.length; p = p.slice(0, -1)) {
      const node = doc.getIn(p, true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineAt(node.range[0]);
    }
    return null;
  };
  const idAt = (path: (string | number)[]) => {
    const [list, index] = path;
    if ((list !== 'items' && list !== 'mappings') || typeof index !== 'number') return null;
    const entry = doc.getIn([list, index, list === 'items' ? 'id' : 'from']);
    return typeof entry === 'string' ? entry : null;
  };
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path as (string | number)[];
    throw new FrameworkFileError(
      file,
      nodeLine(path),
      idAt(path),
      `${path.map(String).join('.') || '(top level)'}: ${issue.message}`,
    );
  }
  const expected = file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  if (parsed.data.key !== expected)
    throw new FrameworkFileError(
      file,
      nodeLine(['key']),
      parsed.data.key,
      `the key must be the file's name, ${expected}`,
    );

  const groups = new Set<string>();
  parsed.data.groups.forEach((g, i) => {
    if (groups.has(g.id)) throw new FrameworkFileError(file, nodeLine(['groups', i]), g.id, 'group id appears twice');
    groups.add(g.id);
  });
  const items = new Map<string, number>();
  const withLines = parsed.data.items.map((item, i) => {
    const line = nodeLine(['items', i]) ?? 0;
    const before = items.get(item.id);
    if (before !== undefined)
      throw new FrameworkFileError(file, line, item.id, `duplicate item id (first on line ${before})`);
    if (item.group !== undefined && !groups.has(item.group))
      throw new FrameworkFileError(file, line, item.id, `group "${item.group}" is not among the file's groups`);
    if (groups.size && item.group === undefined)
      throw new FrameworkFileError(file, line, item.id, 'the file has groups: every item names its group');
    items.set(item.id, line);
    return { ...item, line };
  });
  const pairs = new Map<string, number>();
  const mappings = parsed.data.mappings.map((m, i) => {
    const line = nodeLine(['mappings', i]) ?? 0;
    const [kind, id] = [m.from.slice(0, m.from.indexOf(':')), m.from.slice(m.from.indexOf(':') + 1)];
    if (kind === 'control' ? !known.controls.has(id) : !known.checks.has(m.from))
      throw new FrameworkFileError(
        file,
        line,
        m.from,
        kind === 'control' ? 'no control of the guide has this id' : 'Tollgate has no check with this id',
      );
    for (const to of m.to) {
      if (!items.has(to)) throw new FrameworkFileError(file, line, to, `no item of ${parsed.data.key} has this id`);
      const pair = `${m.from} → ${to}`;
      const before = pairs.get(pair);
      if (before !== undefined)
        throw new FrameworkFileError(file, line, to, `${m.from} is mapped to it twice (first on line ${before})`);
      pairs.set(pair, line);
    }
    return { ...m, line };
  });
  return { ...parsed.data, file, items: withLines, mappings };
}

/** Keys that would reach an object's prototype are refused wherever they appear, before anything is built. */
function refuseForbiddenKeys(doc: Document, file: string, lineAt: (offset: number | undefined) => number | null) {
  visit(doc, {
    Alias(_, alias) {
      throw new FrameworkFileError(file, lineAt(alias.range?.[0]), null, 'anchors and aliases are refused');
    },
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      if (key !== null && FORBIDDEN_KEYS.has(key))
        throw new FrameworkFileError(
          file,
          lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined),
          key,
          'key refused',
        );
      if (!isScalar(pair.key) && pair.key !== null)
        throw new FrameworkFileError(file, null, null, 'every key must be a plain value');
    },
  });
  if (!isMap(doc.contents)) throw new FrameworkFileError(file, 1, null, 'the file must hold one YAML map');
}
