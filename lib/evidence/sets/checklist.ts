// Pre-launch checklist sign-offs (6.7) as of the period's end: every sign-off given before asOf, whether it was
// still valid then (90 days from signing), which one counted for its step, and the step's status at asOf (signed,
// stale, or missing — a step never signed gets one row with no sign-off). Evidence is named, never included.
import type { Db } from '@/lib/db.ts';
import { signoffExpiresAt, STEPS, workspaceChecklist } from '@/lib/checklist/steps.ts';
import { EVIDENCE_COLUMNS, evidenceColumns } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

async function* rows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>> {
  const signoffs = await db.checklistSignoff.findMany({
    where: { workspaceId: ctx.workspaceId, signedAt: { lt: ctx.asOf } },
    select: {
      id: true,
      step: true,
      note: true,
      signedBy: true,
      signedAt: true,
      evidenceUrl: true,
      filename: true,
      size: true,
      sha256: true,
    },
    orderBy: [{ step: 'asc' }, { signedAt: 'desc' }, { id: 'asc' }],
  });
  const checklist = workspaceChecklist(signoffs, ctx.asOf);
  for (const state of checklist.steps) {
    const step = STEPS.find((s) => s.id === state.step)!;
    const base = { step: step.id, stepName: step.name, stepStatus: state.status };
    const mine = signoffs.filter((s) => s.step === step.id);
    if (mine.length === 0) {
      yield {
        ...base,
        signoffId: null,
        signedAt: null,
        signedBy: null,
        note: null,
        expiresAt: null,
        validAtAsOf: false,
        counts: false,
        ...evidenceColumns({}),
      };
      continue;
    }
    for (const s of mine) {
      const expiresAt = signoffExpiresAt(s.signedAt);
      const valid = ctx.asOf.getTime() < expiresAt.getTime();
      yield {
        ...base,
        signoffId: s.id,
        signedAt: s.signedAt,
        signedBy: s.signedBy,
        note: s.note,
        expiresAt,
        validAtAsOf: valid,
        counts: state.latest?.id === s.id && valid,
        ...evidenceColumns(s),
      };
    }
  }
}

export const checklistSet: EvidenceSetDef = {
  name: 'checklist',
  title: 'Pre-launch checklist sign-offs',
  kind: 'state',
  controls: ['6.7'],
  columns: [
    'step',
    'stepName',
    'stepStatus',
    'signoffId',
    'signedAt',
    'signedBy',
    'note',
    'expiresAt',
    'validAtAsOf',
    'counts',
    ...EVIDENCE_COLUMNS,
  ],
  note:
    'Every checklist sign-off given before the pack’s as-of instant, newest ' +
    'first per step, with whether it was still valid then (90 days) and the ' +
    'one that counted; each step’s status at that instant; evidence as its ' +
    'link, or file name, size and SHA-256.',
  rows,
};
