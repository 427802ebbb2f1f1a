// One rule file (rules/*.yml), pure: a Sigma 2.0 detection rule, optionally followed by Sigma correlation
// rules over it in the same multi-document YAML. YAML errors come with line and column. Decision record:
// docs/decisions/0017-sigma-conformance.md.
import { LineCounter, parseAllDocuments } from 'yaml';
import { compileDetection } from './sigma.ts';
import { tagProblems } from './sigma-tags.ts';

export type Level = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** A Sigma 2.0 correlation over the rule (Tollgate does not run it: its `tollgate` block does the stateful part). */
export type Correlation = { id: string; name: string | null; type: string; timespan: string; groupBy: string[] };

export type SigmaRule = {
  /** Tollgate's id for the rule: its Sigma `name`, readable and stable. Alerts store it (Alert.ruleId). */
  id: string;
  /** The Sigma `id`: a UUID, as Sigma tools require. */
  sigmaId: string;
  title: string;
  description: string;
  level: Level;
  status: string;
  tags: string[];
  detection: Record<string, unknown> & { condition: string };
  correlations: Correlation[];
  /** Tollgate's stateful part (first use, newly granted…), ignored by other Sigma tools. */
  tollgate: Record<string, unknown> | null;
  /** The whole file, every document, as written. */
  yaml: string;
};

export class RuleError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: number | null,
    reason: string,
  ) {
    super(`${file}${line ? `:${line}:${column}` : ''}: ${reason}`);
  }
}

const LEVELS: readonly Level[] = ['informational', 'low', 'medium', 'high', 'critical'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Sigma 2.0 timespans: a number and one lowercase unit (s, m, h, d). */
const TIMESPAN = /^(\d+)([smhd])$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

type Doc = Record<string, unknown>;

export function parseRule(yaml: string, file: string): SigmaRule {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(yaml, { lineCounter, prettyErrors: false });
  if (!Array.isArray(docs)) throw new RuleError(file, null, null, 'the file holds no YAML document');
  for (const d of docs) {
    const first = d.errors[0];
    if (first) {
      const pos = lineCounter.linePos(first.pos[0]);
      throw new RuleError(file, pos.line, pos.col, first.message.split('\n')[0]!);
    }
  }
  const values = docs.map((d) => d.toJS() as unknown).filter((v) => v !== null);
  if (values.some((v) => typeof v !== 'object' || Array.isArray(v)))
    throw new RuleError(file, null, null, 'every YAML document must be a map');
  const detections = (values as Doc[]).filter((v) => 'detection' in v);
  const others = (values as Doc[]).filter((v) => !('detection' in v));
  if (detections.length !== 1)
    throw new RuleError(file, null, null, `a rule file holds exactly one detection rule, found ${detections.length}`);
  const rule = detectionRule(detections[0]!, file, yaml);
  for (const doc of others) {
    if (!doc.correlation)
      throw new RuleError(
        file,
        null,
        null,
        'a further YAML document must be a Sigma correlation rule ("correlation:")',
      );
    rule.correlations.push(correlation(doc, rule, file));
  }
  return rule;
}

function detectionRule(value: Doc, file: string, yaml: string): SigmaRule {
  const named = typeof value.name === 'string' ? value.name : typeof value.title === 'string' ? value.title : '?';
  const where = `rule "${named}"`;
  const sigmaId = uuidOf(value, file, where);
  const id = text(
    value,
    'name',
    file,
    `${where}: "name" is required (a string): Tollgate's alerts refer to the rule by it`,
  );
  const title = text(value, 'title', file, `${where}: "title" is required (a string)`);
  const level = text(value, 'level', file, `${where}: "level" is required (a string)`);
  if (!(LEVELS as readonly string[]).includes(level))
    throw new RuleError(file, null, null, `"level" must be one of ${LEVELS.join(', ')}, got "${level}"`);
  const tagged = tagProblems(value.tags);
  if (tagged.length) throw new RuleError(file, null, null, tagged[0]!);
  const detection = value.detection as Record<string, unknown> | null;
  if (!detection || typeof detection !== 'object' || typeof detection.condition !== 'string')
    throw new RuleError(file, null, null, '"detection.condition" is required');
  if ('timeframe' in detection) {
    throw new RuleError(
      file,
      null,
      null,
      '"detection.timeframe" is Sigma 1.x and converters drop it: express the ' +
        'look-back as a Sigma correlation rule ("correlation:" with "timespan") ' +
        'in a further YAML document',
    );
  }
  try {
    compileDetection(detection as SigmaRule['detection']);
  } catch (error) {
    throw new RuleError(file, null, null, `detection: ${(error as Error).message}`);
  }
  return {
    id,
    sigmaId,
    title,
    level: level as Level,
    yaml,
    description: typeof value.description === 'string' ? value.description.trim() : '',
    status: typeof value.status === 'string' ? value.status : 'experimental',
    tags: (value.tags as string[] | undefined) ?? [],
    detection: detection as SigmaRule['detection'],
    correlations: [],
    tollgate: (value.tollgate as Record<string, unknown> | undefined) ?? null,
  };
}

function correlation(doc: Doc, rule: SigmaRule, file: string): Correlation {
  const where = `correlation "${typeof doc.title === 'string' ? doc.title : '?'}"`;
  const id = uuidOf(doc, file, where);
  const c = doc.correlation as Doc;
  const refs = Array.isArray(c.rules) ? c.rules : [];
  if (!refs.length || refs.some((r) => r !== rule.id && r !== rule.sigmaId))
    throw new RuleError(file, null, null, `${where} must refer to the file's rule by its name "${rule.id}" or its id`);
  const timespan = typeof c.timespan === 'string' ? c.timespan : '';
  const span = TIMESPAN.exec(timespan);
  if (!span)
    throw new RuleError(
      file,
      null,
      null,
      `${where}: "timespan" must be a number and a unit (s, m, h, d), e.g. 30d; got "${timespan}"`,
    );
  // Tollgate's own look-back and the SIEM's must not drift apart.
  const lookback = rule.tollgate?.lookback_days;
  if (
    lookback !== undefined &&
    Number(span[1]) * UNIT_MS[span[2] as keyof typeof UNIT_MS] !== Number(lookback) * UNIT_MS.d
  ) {
    throw new RuleError(
      file,
      null,
      null,
      `${where}: timespan ${timespan} differs from tollgate.lookback_days ${String(lookback)}`,
    );
  }
  return {
    id,
    name: typeof doc.name === 'string' ? doc.name : null,
    type: String(c.type),
    timespan,
    groupBy: Array.isArray(c['group-by']) ? c['group-by'].map(String) : [],
  };
}

function uuidOf(value: Doc, file: string, where: string): string {
  const id = value.id;
  if (typeof id !== 'string' || !UUID.test(id)) {
    throw new RuleError(
      file,
      null,
      null,
      `${where}: "id" must be a UUID, as Sigma requires (keep a readable id as ` +
        `"name"); got ${JSON.stringify(id ?? null)}`,
    );
  }
  return id.toLowerCase();
}

function text(value: Doc, key: string, file: string, reason: string): string {
  if (typeof value[key] !== 'string' || value[key] === '') throw new RuleError(file, null, null, reason);
  return value[key] as string;
}
