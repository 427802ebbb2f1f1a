// What the readable report says, worked out once, so that its HTML and its PDF cannot disagree. Pure: every
// date shown comes from the input; nothing reads the clock.
import { frameworkCatalogue, type FrameworkKey, isFrameworkKey, mappingsFor } from '@/lib/frameworks/catalogues.ts';
import { scoreFramework } from '@/lib/frameworks/score.ts';
import { FORMULA } from '@/lib/posture/score.ts';
import { packFrameworkLabel } from '@/lib/evidence/scope.ts';
import type { ControlResult, ControlStatus } from '@/lib/posture/types.ts';
import { rfc3339 } from '@/lib/evidence/instant.ts';
import type { EvidenceSetSummary, PackFramework, PackScope, ReportInput } from '@/lib/evidence/types.ts';

export type ControlRow = {
  id: string;
  title: string;
  level: string;
  status: ControlStatus;
  statusLabel: string;
  score: string;
  reasons: string[];
  next: string | null;
};
/**
 * A framework item with its score and what is mapped to it: controls, and for an AI-governance catalogue its title,
 * the checks that are not controls, and the reason kept with each mapping (`control:6.4 — why`).
 */
export type ItemRow = {
  id: string;
  title?: string;
  score: string;
  controls: string[];
  checks?: string[];
  why?: string[];
};

export type ReportModel = {
  title: string;
  /** The instant the pack speaks for (RFC 3339, as in manifest.json), and the heading of the scores. */
  asOf: string;
  scoresTitle: string;
  /** Label and value pairs for the header: workspace, period, scope, posture as of, generator. */
  facts: [string, string][];
  scores: [string, string][];
  sections: [string, string][];
  formula: string;
  controls: ControlRow[];
  /** Set when the scope names a control the posture did not evaluate. */
  missing: string | null;
  /** For a framework scope: its items with their scores and controls (the mapping table). */
  framework: { label: string; score: string; items: ItemRow[]; note?: string } | null;
  evidence: EvidenceSetSummary[];
  audit: { ok: boolean; message: string };
};

const STATUS: Record<ControlStatus, string> = {
  pass: 'Pass',
  partial: 'Partial',
  fail: 'Fail',
  stale: 'Stale',
  not_assessed: 'Not assessed',
  not_applicable: 'Not applicable',
};

/** An instant in UTC: 2026-04-01T00:00:00Z (milliseconds only when there are some). */
export const utc = rfc3339;
export const formatScore = (s: number | null): string => (s === null ? 'n/a' : String(s));

export function scopeLabel(scope: PackScope): string {
  const fw = scope.framework === 'all' ? null : packFrameworkLabel(scope.framework);
  if (scope.controlId) return `Control ${scope.controlId}${fw ? ` (${fw})` : ''}`;
  return fw ?? 'The whole programme (all controls)';
}

/** The controls a scope covers: one control, a framework's mapped controls, or all of them (in guide order). */
function inScope(controls: ControlResult[], scope: PackScope, items: { controls: string[] }[] | null): ControlResult[] {
  if (scope.controlId) return controls.filter((c) => c.id === scope.controlId);
  if (!items) return controls;
  const mapped = new Set(items.flatMap((i) => i.controls));
  return controls.filter((c) => mapped.has(c.id));
}

const row = (c: ControlResult): ControlRow => ({
  id: c.id,
  title: c.title,
  level: c.level ?? '—',
  status: c.status,
  statusLabel: STATUS[c.status],
  score: formatScore(c.score),
  reasons: c.reasons,
  next: wholeNextStep(c),
});

/**
 * The next step whole. Snapshots stored before issue 15 shortened the first record's name with "…"; an auditor
 * must read which record to open, so for those the name is taken whole from the failing check.
 */
export function wholeNextStep(c: Pick<ControlResult, 'next' | 'checks'>): string | null {
  if (!c.next?.endsWith('…')) return c.next;
  const failing = c.checks.find((k) => !k.met);
  const first = failing?.records.find((r) => r.href)?.label;
  const at = c.next.lastIndexOf('Start with: ');
  const shortened = at < 0 ? null : c.next.slice(at + 'Start with: '.length, -1);
  return failing && first && shortened !== null && first.startsWith(shortened)
    ? `${c.next.slice(0, at)}Start with: ${first}`
    : c.next;
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { posture, period, scope } = input;
  const data = posture.data;
  const fw: PackFramework | null = scope.framework === 'all' ? null : scope.framework;
  // The mapping comes from the same evaluation as the scores, so a snapshot taken under an older catalogue
  // still lists the controls its item scores were computed from.
  const fwData = fw ? frameworkData(data, fw) : null;
  const allItems = fwData ? fwData.items : null;
  const items = allItems && scope.controlId ? allItems.filter((i) => i.controls.includes(scope.controlId!)) : allItems;
  const controls = inScope(data.controls, scope, allItems);
  // An ended period speaks for its end, with the latest snapshot before it; a running one for the instant the
  // pack was generated, with a posture evaluated then (lib/evidence/as-of.ts).
  const asOf = utc(input.asOf);
  const running = input.asOf.getTime() < period.to.getTime();
  const coverage = running
    ? `${asOf} — the period had not ended: everything recorded before this instant, when the pack was generated`
    : `${asOf} — the period’s end`;
  const postureFrom =
    posture.source === 'live'
      ? `evaluated at ${utc(posture.at)}${running ? ', when the pack was generated' : ''}`
      : `from a posture snapshot taken at ${utc(posture.at)}`;
  const { trifecta: t, alerts: a } = data.counts;
  return {
    title: `Tollgate evidence report — ${input.workspace.name}`,
    asOf,
    scoresTitle: `Scores as of ${asOf}`,
    facts: [
      ['Workspace', `${input.workspace.name} (${input.workspace.id})`],
      ['Period (UTC)', `[${utc(period.from)}, ${utc(period.to)}) — from inclusive, to exclusive`],
      ['Scope', scopeLabel(scope)],
      ['As of', coverage],
      ['Posture', postureFrom],
      ['Trifecta agents', `${t.exposed} exposed, ${t.mitigated} mitigated, ${t.accepted} accepted`],
      ['Open alerts', `${a.critical} critical, ${a.high} high, ${a.medium} medium, ${a.low} low`],
      ['Generated by', `${input.generator.name} ${input.generator.version}`],
    ],
    scores: [
      ['Overall', formatScore(data.overall)],
      ...(['L1', 'L2', 'L3'] as const).map((l): [string, string] => [`Level ${l}`, formatScore(data.levels[l])]),
      ['L1 complete?', data.l1Complete ? 'Yes — every L1 control passes' : 'No — not every L1 control passes'],
      ...(fw && fwData ? [[packFrameworkLabel(fw), formatScore(fwData.score)] as [string, string]] : []),
    ],
    sections: data.sections.map((s) => [`${s.section}. ${s.title}`, formatScore(s.score)]),
    formula: FORMULA,
    controls: controls.map(row),
    missing:
      scope.controlId && controls.length === 0 ? `Control ${scope.controlId} was not evaluated in this posture.` : null,
    framework:
      fw && fwData && items
        ? {
            label: packFrameworkLabel(fw),
            score: formatScore(fwData.score),
            items: items.map((i) => ({
              id: i.id,
              score: formatScore(i.score),
              controls: i.controls,
              ...(isFrameworkKey(fw) ? aiItem(fw, i) : {}),
            })),
            ...(fwData.note ? { note: fwData.note } : {}),
          }
        : null,
    evidence: input.evidenceSets,
    audit: input.auditChain,
  };
}

type FrameworkData = {
  score: number | null;
  items: { id: string; title?: string; score: number | null; controls: string[]; checks?: string[] }[];
  note?: string;
};

/**
 * A framework's scores as the posture evaluated them. A snapshot taken before the AI-governance catalogues (issue 21)
 * has none for them: their items are then scored from that snapshot's control scores alone, and the report says so.
 */
function frameworkData(data: ReportInput['posture']['data'], fw: PackFramework): FrameworkData {
  const stored = (data.frameworks as Record<string, FrameworkData | undefined>)[fw];
  if (stored) return stored;
  const scores = new Map(data.controls.map((c) => [c.id, c.score]));
  return {
    ...scoreFramework(frameworkCatalogue(fw as FrameworkKey), scores, {}),
    note:
      'This posture was evaluated before Tollgate scored this framework: ' +
      'its items are scored from the controls alone.',
  };
}

/** An AI-governance item's title, checks and the reason kept with each of its mappings. */
function aiItem(fw: FrameworkKey, i: FrameworkData['items'][number]): Partial<ItemRow> {
  const item = frameworkCatalogue(fw).items.find((x) => x.id === i.id);
  const why = mappingsFor(fw)
    .filter((m) => m.to.includes(i.id))
    .map((m) => `${m.from} — ${m.why}`);
  return { title: i.title ?? item?.title ?? '', checks: i.checks ?? [], why };
}
