// Status and score per control, and the unweighted means above it (issue 7, binding; issue 15 for fleets), pure:
//   check score = passing ÷ total for a check over a fleet (agents, members, apps, log types, steps), else 1 when
//   met and 0 when not; control score = 100 × the mean of its checks' scores; fail, stale and not assessed score
//   0; N/A is excluded; section, level, framework item and overall = mean of their controls' scores; a framework
//   = mean of its items.
import { FRAMEWORK_KEYS, type FrameworkKey, frameworkCatalogue } from '@/lib/frameworks/catalogues.ts';
import { type FrameworkScore, scoreFramework } from '@/lib/frameworks/score.ts';
import { AUTOMATED } from './rules.ts';
import type { Check, ControlDef, ControlResult, Level, PostureFacts } from './types.ts';

export const FORMULA =
  'Control score = 100 × the mean of its checks’ scores. A check over a ' +
  'fleet scores the share that passes it (for example agents not exposed ÷ ' +
  'agents), so the score moves with every agent; any other check scores 1 ' +
  'when met, 0 when not. Fail (no check passing at all), stale and not ' +
  'assessed score 0; not applicable is left out. Section, level, framework ' +
  'item and overall scores are unweighted means of their controls; a ' +
  'framework’s score is the mean of its items.';

/**
 * A check's score in [0, 1]: the share of its fleet that passes, or 1 when met and 0 when not (an empty fleet: met or
 * not).
 */
export function checkScore(c: Check): number {
  if (!c.share || c.share.total === 0) return c.met ? 1 : 0;
  return c.share.passing / c.share.total;
}

/**
 * How a check's score is worked out, in words, for the control page and the report: "29 ÷ 50 = 0.58 (agents not exposed
 * ÷ agents)".
 */
export function checkFormula(c: Check): string {
  if (!c.share || c.share.total === 0) return `${c.met ? 1 : 0} (${c.met ? 'met' : 'not met'})`;
  return (
    `${c.share.passing} ÷ ${c.share.total} = ` +
    `${Math.round((1000 * c.share.passing) / c.share.total) / 1000} (${c.share.of})`
  );
}

export function evaluateControl(def: ControlDef, f: PostureFacts): ControlResult {
  const base = { id: def.id, title: def.title, section: def.section, level: def.level };
  const na = f.notApplicable.get(def.id);
  if (na)
    return {
      ...base,
      status: 'not_applicable',
      score: null,
      checks: [],
      reasons: [`Not applicable under the approved exception “${na.title}”.`],
      next: null,
    };

  const checks: Check[] = def.assessment === 'attested' ? [] : (AUTOMATED[def.id]?.(f) ?? []);
  const attestation = f.attestations.get(def.id) ?? { status: 'none' as const, attestedBy: null, expiresAt: null };
  if (def.assessment !== 'automated') {
    checks.push({
      id: 'attested',
      label: 'Attested by a named person within 90 days',
      met: attestation.status === 'valid',
      detail:
        attestation.status === 'valid'
          ? `Attested by ${attestation.attestedBy}, until ${attestation.expiresAt!.toISOString().slice(0, 10)}.`
          : attestation.status === 'stale'
            ? `The attestation expired on ${attestation.expiresAt!.toISOString().slice(0, 10)}.`
            : 'Nobody has attested it.',
      records: [{ label: 'Attestations', href: '/posture/attestations' }],
    });
  }
  if (checks.length === 0)
    return {
      ...base,
      status: 'not_assessed',
      score: 0,
      checks,
      reasons: ['Tollgate has no rule for this control and it takes no attestation.'],
      next: null,
    };

  const met = checks.filter((c) => c.met).length;
  const points = checks.reduce((sum, c) => sum + checkScore(c), 0);
  // An attestation-only control reads stale or not assessed, not merely "fail".
  if (def.assessment === 'attested' && attestation.status !== 'valid') {
    const status = attestation.status === 'stale' ? 'stale' : 'not_assessed';
    return {
      ...base,
      status,
      score: 0,
      checks,
      reasons: [checks[0]!.detail],
      next: `Attest control ${def.id} with evidence (Posture → Attestations).`,
    };
  }
  // Partial as soon as any part of any check passes: 18 exposed agents of 50 is not the same as 50 of 50.
  const status = met === checks.length ? 'pass' : points === 0 ? 'fail' : 'partial';
  const failing = checks.filter((c) => !c.met);
  return {
    ...base,
    status,
    score: status === 'fail' ? 0 : Math.round((1000 * points) / checks.length) / 10,
    checks,
    reasons: failing.length ? failing.map((c) => `${c.label}: ${c.detail}`) : checks.map((c) => c.detail),
    next: failing.length ? nextStep(failing[0]!) : null,
  };
}

/** The first failing check, and the first record to open for it (the control page lists them all). */
function nextStep(c: Check): string {
  const first = c.records.find((r) => r.href)?.label;
  return first ? `${c.label}. Start with: ${first}` : `${c.label}.`;
}

const mean = (xs: number[]): number | null =>
  xs.length ? Math.round((10 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 10 : null;
const scored = (rs: ControlResult[]) => rs.filter((r) => r.score !== null).map((r) => r.score!);

export const FRAMEWORKS = { soc2: 'SOC 2', nist_800_53: 'NIST 800-53', cis: 'CIS Controls', gdpr: 'GDPR' } as const;
export type Framework = keyof typeof FRAMEWORKS;
const FIELD: Record<Framework, 'soc2' | 'nist' | 'cis' | 'gdpr'> = {
  soc2: 'soc2',
  nist_800_53: 'nist',
  cis: 'cis',
  gdpr: 'gdpr',
};

export type Posture = {
  overall: number | null;
  levels: Record<Level, number | null>;
  l1Complete: boolean;
  sections: { section: number; title: string; score: number | null }[];
  /** The guide's own four (section 7), then the AI-governance catalogues of data/frameworks (issue 21). */
  frameworks: Record<
    Framework,
    { score: number | null; items: { id: string; score: number | null; controls: string[] }[] }
  > &
    Record<FrameworkKey, FrameworkScore>;
  controls: ControlResult[];
};

export function scorePosture(defs: ControlDef[], f: PostureFacts): Posture {
  const controls = defs.map((d) => evaluateControl(d, f));
  const byId = new Map(controls.map((c) => [c.id, c]));
  const levels = Object.fromEntries(
    (['L1', 'L2', 'L3'] as const).map((l) => [l, mean(scored(controls.filter((c) => c.level === l)))]),
  ) as Record<Level, number | null>;
  const sections = [...new Map(defs.map((d) => [d.section, d.sectionTitle])).entries()].map(([section, title]) => ({
    section,
    title,
    score: mean(scored(controls.filter((c) => c.section === section))),
  }));
  const frameworks = Object.fromEntries(
    (Object.keys(FRAMEWORKS) as Framework[]).map((fw) => {
      const items = new Map<string, string[]>();
      for (const d of defs) for (const item of d[FIELD[fw]]) items.set(item, [...(items.get(item) ?? []), d.id]);
      const list = [...items.entries()]
        .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
        .map(([id, ids]) => ({ id, controls: ids, score: mean(scored(ids.map((i) => byId.get(i)!))) }));
      return [fw, { items: list, score: mean(list.filter((i) => i.score !== null).map((i) => i.score!)) }];
    }),
  ) as Pick<Posture['frameworks'], Framework>;
  const controlScores = new Map(controls.map((c) => [c.id, c.score]));
  const ai = Object.fromEntries(
    FRAMEWORK_KEYS.map((k) => [k, scoreFramework(frameworkCatalogue(k), controlScores, f.checks ?? {})]),
  ) as Record<FrameworkKey, FrameworkScore>;
  const l1 = controls.filter((c) => c.level === 'L1' && c.status !== 'not_applicable');
  return {
    overall: mean(scored(controls)),
    levels,
    l1Complete: l1.length > 0 && l1.every((c) => c.status === 'pass'),
    sections,
    frameworks: { ...frameworks, ...ai },
    controls,
  };
}
