// The evidence sets of a pack, in a stable order, and the ones a scoped pack (a framework or one control) takes:
// a set is taken when it is evidence for any of the scope's controls; sets for every control ('all') always are.
import { type FrameworkKey, mappingsFor } from '@/lib/frameworks/catalogues.ts';
import { GPT_FINDING_CONTROLS, type GptFindingKind } from '@/lib/gpts/findings.ts';
import { CATALOGUE, type Catalogue } from '@/lib/posture/catalogue.ts';
import type { PackScope } from '@/lib/evidence/types.ts';
import { agentsSet } from './agents.ts';
import { alertsSet } from './alerts.ts';
import { attestationsSet } from './attestations.ts';
import { auditLogSet } from './audit-log.ts';
import { campaignsSet } from './campaigns.ts';
import { checklistSet } from './checklist.ts';
import { actionControlsSet, roleMatrixSet } from './configuration.ts';
import { exceptionsSet } from './exceptions.ts';
import { findingsSet } from './findings.ts';
import { platformActionsSet } from './platform-action-log.ts';
import { registerSet, reviewDecisionsSet } from './register.ts';
import { suspensionsSet } from './suspensions.ts';
import type { EvidenceSetDef } from './types.ts';

export type { EvidenceSetDef, SetContext } from './types.ts';

export const EVIDENCE_SETS: EvidenceSetDef[] = [
  agentsSet,
  roleMatrixSet,
  actionControlsSet,
  findingsSet,
  exceptionsSet,
  registerSet,
  reviewDecisionsSet,
  checklistSet,
  suspensionsSet,
  platformActionsSet,
  alertsSet,
  attestationsSet,
  campaignsSet,
  auditLogSet,
];

const FIELD = { soc2: 'soc2', nist_800_53: 'nist', cis: 'cis', gdpr: 'gdpr' } as const;

/** The set holding the evidence of each kind of check an AI-governance framework may map (decision 0040). */
const CHECK_SETS: Record<string, string> = {
  finding: findingsSet.name,
  rule: alertsSet.name,
  campaign: campaignsSet.name,
  'platform-action': platformActionsSet.name,
};

/**
 * The controls a scope covers: one control; a framework's controls (those the catalogue maps to any of its
 * items: the guide's own fields for its four, `control:` mappings for an AI-governance catalogue, with the controls
 * of the GPT finding kinds it maps, so their findings stay in the pack); null for the whole programme.
 */
export function scopeControls(scope: PackScope, catalogue: Catalogue = CATALOGUE): string[] | null {
  if (scope.controlId) return [scope.controlId];
  if (scope.framework === 'all') return null;
  if (scope.framework in FIELD) {
    const field = FIELD[scope.framework as keyof typeof FIELD];
    return catalogue.controls.filter((c) => c[field].length > 0).map((c) => c.id);
  }
  const sources = mappingsFor(scope.framework as FrameworkKey).map((m) => m.from);
  const mapped = new Set([
    ...sources.filter((s) => s.startsWith('control:')).map((s) => s.slice('control:'.length)),
    ...sources
      .filter((s) => s.startsWith('finding:'))
      .flatMap((s) => GPT_FINDING_CONTROLS[s.slice('finding:'.length) as GptFindingKind] ?? []),
  ]);
  return catalogue.controls.filter((c) => mapped.has(c.id)).map((c) => c.id);
}

/** The sets of a pack for `scope`, in EVIDENCE_SETS order. */
export function setsFor(scope: PackScope, catalogue: Catalogue = CATALOGUE): EvidenceSetDef[] {
  const controls = scopeControls(scope, catalogue);
  if (controls === null) return [...EVIDENCE_SETS];
  const wanted = new Set(controls);
  // An AI-governance framework's checks bring their own sets (a rule its alerts), whatever controls they sit under.
  const checked =
    scope.controlId || scope.framework in FIELD
      ? new Set<string>()
      : new Set(
          mappingsFor(scope.framework as FrameworkKey).flatMap(
            (m) => CHECK_SETS[m.from.slice(0, m.from.indexOf(':'))] ?? [],
          ),
        );
  return EVIDENCE_SETS.filter(
    (def) => def.controls === 'all' || def.controls.some((c) => wanted.has(c)) || checked.has(def.name),
  );
}
