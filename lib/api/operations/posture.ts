// Posture against the hardening guide and the AI-governance frameworks (issue 21): evaluated now, as the Posture page
// and `tollgate posture --json` do (the same evaluatePosture, so the same numbers), one AI framework's items, the
// controls with their checks, and the Overview's daily trend.
import { z } from 'zod';
import {
  FRAMEWORK_KEYS,
  FRAMEWORK_LABELS,
  type FrameworkKey,
  frameworkCatalogue,
  itemsMappedFrom,
} from '@/lib/frameworks/catalogues.ts';
import type { FrameworkScore } from '@/lib/frameworks/score.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { postureTrend, type TrendPoint as TrendRow } from '@/lib/posture/overview.ts';
import { FRAMEWORKS, type Framework } from '@/lib/posture/score.ts';
import { evaluatePosture } from '@/lib/posture/snapshot.ts';
import type { ControlDef, ControlResult } from '@/lib/posture/types.ts';
import { decodeCursor, listOf, pageOf, pageQuery } from '../cursor.ts';
import { defineOperation } from '../operation.ts';
import { ApiProblem } from '../problem.ts';
import { iso, Timestamp } from '../schemas.ts';

const LEVELS = ['L1', 'L2', 'L3'] as const;
const STATUSES = ['pass', 'partial', 'fail', 'stale', 'not_assessed', 'not_applicable'] as const;
const GUIDE_IDS = Object.keys(FRAMEWORKS) as Framework[];
/** The guide's four (section 7), then the AI-governance frameworks of data/frameworks (issue 21), as the CLI prints. */
const FRAMEWORK_IDS = [...GUIDE_IDS, ...FRAMEWORK_KEYS] as const;
type AnyFramework = Framework | FrameworkKey;
const Score = z.number().min(0).max(100).nullable().meta({ description: '0–100; null when nothing is scored.' });
const byFramework = <T extends z.ZodType>(value: T) =>
  z.object(Object.fromEntries(FRAMEWORK_IDS.map((f) => [f, value])) as Record<AnyFramework, T>);
const byAiFramework = <T extends z.ZodType>(value: T) =>
  z.object(Object.fromEntries(FRAMEWORK_KEYS.map((f) => [f, value])) as Record<FrameworkKey, T>);

const Coverage = z
  .object({
    name: z.string().meta({ description: 'The framework’s short name, e.g. ISO/IEC 42001.' }),
    edition: z.string().meta({ description: 'The edition its catalogue holds (data/frameworks/<key>.yaml).' }),
    assessed: z.number().int().min(0).meta({ description: 'Items with a score (something mapped to them scored).' }),
    items: z.number().int().min(0).meta({ description: 'Items in the edition; the others are not assessed.' }),
  })
  .meta({ id: 'FrameworkCoverage', description: 'How much of an AI-governance framework Tollgate assesses.' });

const FrameworkItem = z.object({
  id: z.string().meta({ description: 'The item’s id in its edition, e.g. A.6.2.8, ASI01, AML.T0051.' }),
  title: z.string().meta({ description: 'A short title in Tollgate’s own words (never the standard’s text).' }),
  group: z.string().nullable().meta({ description: 'Its clause, function or tactic; null when the file has none.' }),
  score: Score.meta({ description: '0–100: the mean of what is mapped to it; null when not assessed.' }),
  controls: z.array(z.string()).meta({ description: 'The guide’s controls mapped to it (see /posture/controls).' }),
  checks: z.array(z.string()).meta({
    description: 'Tollgate’s other checks mapped to it: finding:<kind>, rule:<name>, campaign:…, platform-action:….',
  }),
});

const PostureFramework = z
  .object({
    framework: z.enum(FRAMEWORK_KEYS),
    evaluated_at: Timestamp.meta({ description: 'When these scores were evaluated (now, from the records).' }),
    uri: z.string().meta({ description: 'The publisher’s page of the edition.' }),
    score: Score.meta({ description: 'The mean of its assessed items; null when no item is assessed.' }),
    coverage: Coverage,
    items: z.array(FrameworkItem).meta({ description: 'Every item of the edition, in its order.' }),
  })
  .meta({
    id: 'PostureFramework',
    description: 'One AI-governance framework evaluated now: the table of items the Posture page opens.',
  });

const Posture = z
  .object({
    evaluated_at: Timestamp.meta({ description: 'When these scores were evaluated (now, from the records).' }),
    catalogue: z.string().meta({ description: 'The guide and version the controls come from.' }),
    overall: Score,
    levels: z.object({ L1: Score, L2: Score, L3: Score }),
    l1_complete: z.boolean().meta({ description: 'Every applicable L1 control passes.' }),
    frameworks: byFramework(Score).meta({
      description:
        'Per framework: the mean of its items’ scores, an item scoring the mean of the controls and checks mapped to ' +
        'it. The guide’s four (soc2 … gdpr), then the AI-governance frameworks (iso42001 … mitre_atlas), whose ' +
        'items not assessed are left out of the mean; null when no item is assessed.',
    }),
    coverage: byAiFramework(Coverage).meta({
      description: 'Per AI-governance framework: its edition and how many of its items are assessed.',
    }),
    sections: z.array(z.object({ section: z.number().int(), title: z.string(), score: Score })),
  })
  .meta({
    id: 'Posture',
    description: 'The workspace against the guide and the AI-governance frameworks: the numbers of the Posture page.',
  });

const Check = z.object({
  id: z.string(),
  label: z.string(),
  met: z.boolean(),
  detail: z.string(),
  share: z
    .object({ passing: z.number().int(), total: z.number().int(), of: z.string() })
    .nullable()
    .meta({ description: 'For a check over a fleet: the share that passes it (its score).' }),
  records: z
    .array(z.object({ label: z.string(), href: z.string().nullable() }))
    .meta({ description: 'Records behind the check; href is a dashboard path.' }),
});

const Control = z
  .object({
    id: z.string().meta({ description: 'The guide’s control number, e.g. 6.4.' }),
    title: z.string(),
    section: z.number().int(),
    level: z.enum(LEVELS).nullable(),
    assessment: z.enum(['automated', 'attested', 'both']),
    status: z.enum(STATUSES),
    score: Score,
    reasons: z.array(z.string()).meta({ description: 'Why the control has its status.' }),
    next: z.string().nullable().meta({ description: 'What to do next; null when it passes.' }),
    frameworks: byFramework(z.array(z.string())).meta({
      description: 'The framework items it maps to (the guide’s section 7, then data/frameworks’ mappings).',
    }),
    checks: z.array(Check).meta({ description: 'The evidence: each check with its records.' }),
  })
  .meta({ id: 'PostureControl', description: 'One control of the guide, evaluated.' });

const TrendPoint = z
  .object({
    day: z.iso.date().meta({ description: 'UTC day; the figures are its last snapshot’s.' }),
    overall: z.number(),
    trifecta: z.object({ exposed: z.number().int(), mitigated: z.number().int(), accepted: z.number().int() }),
    open_alerts: z.object({ critical: z.number().int(), high: z.number().int() }),
    exceptions_expiring: z.number().int().meta({ description: 'Approved exceptions due for review within 14 days.' }),
    sections: z.array(z.object({ section: z.number().int(), score: Score })),
    frameworks: byAiFramework(Score)
      .nullable()
      .meta({ description: 'The AI-governance frameworks’ scores; null on days before they were scored.' }),
  })
  .meta({ id: 'PostureTrendPoint', description: 'One day of the posture trend (the Overview’s charts).' });

const aiFrameworks = <T>(value: (k: FrameworkKey) => T) =>
  Object.fromEntries(FRAMEWORK_KEYS.map((k) => [k, value(k)])) as Record<FrameworkKey, T>;

const coverageOf = (k: FrameworkKey, f: FrameworkScore): z.infer<typeof Coverage> => ({
  name: FRAMEWORK_LABELS[k],
  edition: frameworkCatalogue(k).edition,
  assessed: f.assessed,
  items: f.total,
});

const defs = new Map((CATALOGUE.controls as ControlDef[]).map((d) => [d.id, d]));

function showControl(c: ControlResult): z.infer<typeof Control> {
  const def = defs.get(c.id)!;
  return {
    id: c.id,
    title: c.title,
    section: c.section,
    level: c.level,
    assessment: def.assessment,
    status: c.status,
    score: c.score,
    reasons: c.reasons,
    next: c.next,
    frameworks: {
      soc2: def.soc2,
      nist_800_53: def.nist,
      cis: def.cis,
      gdpr: def.gdpr,
      ...aiFrameworks((k) => itemsMappedFrom(k, `control:${c.id}`)),
    },
    checks: c.checks.map((k) => ({
      id: k.id,
      label: k.label,
      met: k.met,
      detail: k.detail,
      share: k.share ? { passing: k.share.passing, total: k.share.total, of: k.share.of } : null,
      records: k.records.map((r) => ({ label: r.label, href: r.href })),
    })),
  };
}

function showPoint(p: TrendRow): z.infer<typeof TrendPoint> {
  const sections = Object.entries(p)
    .filter(([k]) => /^s\d+$/.test(k))
    .map(([k, score]) => ({ section: Number(k.slice(1)), score: score as number | null }))
    .sort((a, b) => a.section - b.section);
  // A snapshot taken before the AI frameworks were scored has none of their keys (the Overview draws a gap).
  const scored = FRAMEWORK_KEYS.some((k) => `f_${k}` in p);
  return {
    day: p.day,
    overall: p.overall,
    trifecta: { exposed: p.exposed, mitigated: p.mitigated, accepted: p.accepted },
    open_alerts: { critical: p.critical, high: p.high },
    exceptions_expiring: p.expiring,
    sections,
    frameworks: scored ? aiFrameworks((k) => p[`f_${k}`] ?? null) : null,
  };
}

/**
 * The rows after a cursor's position, in an in-memory list sorted by `position`. The position is the sort key itself
 * (a control's place in the guide, a day), so a row that left the list between two pages (its status changed, its
 * day left the window) moves the walk on rather than breaking it.
 */
function after<T, K extends string | number>(
  rows: T[],
  cursor: string | undefined,
  position: (row: T) => K,
  check: (key: unknown) => key is K,
): T[] {
  const last = decodeCursor(cursor, 1);
  if (!last) return rows;
  if (!check(last[0]))
    throw new ApiProblem('invalid-cursor', 'cursor: pass back a next_cursor this list gave, unchanged.', {
      errors: [{ field: 'query.cursor', message: 'not a cursor of this list' }],
    });
  const key = last[0];
  return rows.filter((r) => position(r) > key);
}

const ORDER = new Map([...defs.keys()].map((id, i) => [id, i]));
const isIndex = (k: unknown): k is number => typeof k === 'number' && Number.isInteger(k) && k >= 0;
const isDay = (k: unknown): k is string => typeof k === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(k);

export const postureOperations = [
  defineOperation({
    id: 'getPosture',
    method: 'GET',
    path: '/posture',
    tag: 'Posture',
    summary: 'Overall, level, framework and section scores, evaluated now',
    description:
      'The numbers of the Posture page and `tollgate posture --json`: the guide’s four frameworks and the seven ' +
      'AI-governance ones, each with its score; for the AI-governance ones, their edition and items assessed.',
    permission: 'posture:read',
    workspace: 'query',
    responses: { 200: { description: 'The posture.', schema: Posture } },
    async handle({ db, workspaceId }) {
      const now = new Date();
      const p = await evaluatePosture(db, workspaceId, now);
      const body: z.infer<typeof Posture> = {
        evaluated_at: iso(now),
        catalogue: `${CATALOGUE.guide} ${CATALOGUE.version}`,
        overall: p.overall,
        levels: { L1: p.levels.L1, L2: p.levels.L2, L3: p.levels.L3 },
        l1_complete: p.l1Complete,
        frameworks: Object.fromEntries(FRAMEWORK_IDS.map((f) => [f, p.frameworks[f].score])) as Record<
          AnyFramework,
          number | null
        >,
        coverage: aiFrameworks((k) => coverageOf(k, p.frameworks[k])),
        sections: p.sections.map((s) => ({ section: s.section, title: s.title, score: s.score })),
      };
      return { status: 200, body };
    },
  }),
  defineOperation({
    id: 'getPostureFramework',
    method: 'GET',
    path: '/posture/frameworks/{framework}',
    tag: 'Posture',
    summary: 'One AI-governance framework, evaluated now: each item’s score and what it rests on',
    description:
      'The figures of GET /posture for one of the seven (the same evaluation), with every item of the edition. ' +
      'The guide’s four frameworks are read per control (GET /posture/controls).',
    permission: 'posture:read',
    workspace: 'query',
    params: z.object({ framework: z.enum(FRAMEWORK_KEYS) }),
    responses: { 200: { description: 'The framework.', schema: PostureFramework } },
    async handle({ db, workspaceId, params }) {
      const now = new Date();
      const k = params.framework;
      const f = (await evaluatePosture(db, workspaceId, now)).frameworks[k];
      const body: z.infer<typeof PostureFramework> = {
        framework: k,
        evaluated_at: iso(now),
        uri: frameworkCatalogue(k).uri,
        score: f.score,
        coverage: coverageOf(k, f),
        items: f.items.map((i) => ({
          id: i.id,
          title: i.title,
          group: i.group,
          score: i.score,
          controls: i.controls,
          checks: i.checks,
        })),
      };
      return { status: 200, body };
    },
  }),
  defineOperation({
    id: 'listPostureControls',
    method: 'GET',
    path: '/posture/controls',
    tag: 'Posture',
    summary: 'Each control, evaluated now, with its checks',
    description: 'In the guide’s order; the default page (100) holds every control of the guide.',
    permission: 'posture:read',
    workspace: 'query',
    query: z.object({
      ...pageQuery,
      status: z.enum(STATUSES).optional(),
      level: z.enum(LEVELS).optional(),
    }),
    responses: { 200: { description: 'A page of controls.', schema: listOf(Control) } },
    async handle({ db, workspaceId, query }) {
      const p = await evaluatePosture(db, workspaceId, new Date());
      const shown = p.controls.filter(
        (c) => (!query.status || c.status === query.status) && (!query.level || c.level === query.level),
      );
      const place = (c: ControlResult) => ORDER.get(c.id) ?? ORDER.size;
      const rows = after(shown, query.cursor, place, isIndex).slice(0, query.limit + 1);
      return { status: 200, body: pageOf(rows, query.limit, (c) => [place(c)], showControl) };
    },
  }),
  defineOperation({
    id: 'listPostureTrend',
    method: 'GET',
    path: '/posture/trend',
    tag: 'Posture',
    summary: 'The daily posture trend, oldest day first',
    description: 'One point per UTC day with a stored snapshot (that day’s last), as the Overview draws them.',
    permission: 'posture:read',
    workspace: 'query',
    query: z.object({
      ...pageQuery,
      days: z.coerce
        .number()
        .int()
        .min(1)
        .max(366)
        .default(60)
        .meta({ description: 'How many days back from now (1–366, default 60).' }),
    }),
    responses: { 200: { description: 'A page of trend points.', schema: listOf(TrendPoint) } },
    async handle({ db, workspaceId, query }) {
      const points = await postureTrend(db, workspaceId, new Date(), query.days);
      const rows = after(points, query.cursor, (p) => p.day, isDay).slice(0, query.limit + 1);
      return { status: 200, body: pageOf(rows, query.limit, (p) => [p.day], showPoint) };
    },
  }),
];
