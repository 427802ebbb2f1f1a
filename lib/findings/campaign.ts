// Findings from access-review decisions (pure): a revoke stays open while the access it revoked is still in the
// data, a reassign while the owner is not yet the new one. When the change is seen (the access is gone, or
// changed), no draft is produced and the findings sync resolves the finding.
import type { FindingDraft } from './types.ts';

/** A revoke or reassign decision with what the data says now about the access it decided. */
export type CampaignChange = {
  itemId: string;
  campaignId: string;
  campaignName: string;
  scope: string;
  key: string;
  label: string;
  holder: string;
  access: string;
  subjectType: 'member' | 'agent';
  subjectId: string;
  decision: 'revoke' | 'reassign';
  reassignTo: string | null;
  reason: string;
  decidedBy: string;
  decidedAt: Date;
  /** Who holds the access now (the same key read again); null when it is gone. */
  current: string | null;
};

/** GPT scopes bear on the guide's 3.1 (GPT access); agent roles and ownership on 6.1. */
const controlOf = (scope: string) => (scope.startsWith('gpt-') ? '3.1' : '6.1');

export function campaignFindingKey(decision: 'revoke' | 'reassign', itemId: string): string {
  return `campaign-${decision}:${itemId}`;
}

export function campaignFindings(changes: readonly CampaignChange[]): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const c of changes) {
    const pending =
      c.decision === 'revoke'
        ? c.current !== null && c.current === c.holder
        : c.current !== null && c.current !== c.reassignTo;
    if (!pending) continue;
    const message =
      c.decision === 'revoke'
        ? `${c.decidedBy} revoked ${c.label} in the access review “${c.campaignName}”, but it is still there. ` +
          'Remove it in the workspace; the finding resolves when the data no longer shows it.'
        : `${c.decidedBy} reassigned ${c.label} to ${c.reassignTo} in the access review “${c.campaignName}”; ` +
          `the owner is still ${c.current}. Transfer it; the finding resolves when the data shows the new owner.`;
    out.push({
      key: campaignFindingKey(c.decision, c.itemId),
      control: controlOf(c.scope),
      kind: c.decision === 'revoke' ? 'campaign-revoke' : 'campaign-reassign',
      subjectType: c.subjectType,
      subjectId: c.subjectId,
      // A member is named by email, which the Findings page's link searches the roster for.
      subjectLabel: c.subjectType === 'member' ? c.subjectId : c.label,
      message,
      cause: {
        campaign: { id: c.campaignId, name: c.campaignName, itemId: c.itemId },
        scope: c.scope,
        access: c.access,
        field: 'holder',
        observed: c.current,
        baseline: c.decision === 'revoke' ? null : c.reassignTo,
        decidedBy: c.decidedBy,
        decidedAt: c.decidedAt.toISOString(),
        reason: c.reason,
      },
    });
  }
  return out;
}
