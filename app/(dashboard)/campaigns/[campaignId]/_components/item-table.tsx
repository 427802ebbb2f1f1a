'use client';
// The items of a campaign on the shared DataTable. Under an undecided item: the decision form for its reviewer
// (or a campaign manager), and for an owner outside Tollgate the form that records the owner's answer.
import { type DataColumn, DataTable } from '@/components/data-table/data-table.tsx';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { decideItemAction, recordAnswerAction } from '@/lib/campaigns/actions.ts';
import type { CampaignItemView } from '@/lib/campaigns/queries.ts';
import { isScope, REASSIGNABLE, SCOPE_LABELS } from '@/lib/campaigns/types.ts';
import { formatUtc } from '@/lib/format.ts';

type Props = {
  items: CampaignItemView[];
  workspaceId: string;
  campaignId: string;
  running: boolean;
  me: string;
  canDecide: boolean;
  canManage: boolean;
};

const scopeLabel = (s: string) => (isScope(s) ? SCOPE_LABELS[s] : s);

const columns: DataColumn<CampaignItemView>[] = [
  {
    id: 'access',
    header: 'Access',
    hideable: false,
    className: 'camp-access',
    cell: (i) => (
      <>
        {i.label}
        <div className="small muted">{scopeLabel(i.scope)}</div>
      </>
    ),
    csv: (i) => i.label,
  },
  {
    id: 'holder',
    header: 'Holder',
    className: 'small',
    cell: (i) => (
      <>
        {i.holder}
        {i.ownerEmail && i.ownerEmail !== i.holder && <div className="muted">owner {i.ownerEmail}</div>}
        {i.ownerEmail && !i.ownerIsUser && <div className="muted">owner not a Tollgate user: asked</div>}
      </>
    ),
    csv: (i) => i.holder,
  },
  { id: 'reviewer', header: 'Reviewer', className: 'small', cell: (i) => i.reviewerLabel, csv: (i) => i.reviewerLabel },
  {
    id: 'decision',
    header: 'Decision',
    className: 'small camp-decision',
    cell: (i) =>
      i.decision ? (
        <>
          <span className={`camp-decision-${i.decision}`}>
            {i.decision}
            {i.reassignTo ? ` → ${i.reassignTo}` : ''}
          </span>
          <div>{i.reason}</div>
          <div className="muted">
            {i.decidedBy}, {formatUtc(i.decidedAt)}
          </div>
          {i.answers.map((a) => (
            <div key={`${a.recordedAt.toISOString()}`} className="muted">
              answer of {a.ownerEmail}; evidence: {a.evidence}
            </div>
          ))}
        </>
      ) : (
        <span className="muted">undecided</span>
      ),
    csv: (i) => (i.decision ? `${i.decision}${i.reassignTo ? ` ${i.reassignTo}` : ''}: ${i.reason}` : ''),
  },
];

function DecisionFields({ item }: { item: CampaignItemView }) {
  return (
    <>
      <label>
        Decision
        <select name="decision" defaultValue="keep">
          <option value="keep">Keep</option>
          <option value="revoke">Revoke</option>
          {isScope(item.scope) && REASSIGNABLE.includes(item.scope) && <option value="reassign">Reassign</option>}
        </select>
      </label>
      {isScope(item.scope) && REASSIGNABLE.includes(item.scope) && (
        <label>
          Reassign to (email)
          <input type="email" name="reassignTo" />
        </label>
      )}
      <label>
        Reason
        <input name="reason" required maxLength={2000} />
      </label>
    </>
  );
}

export function ItemTable(p: Props) {
  const hidden = (item: CampaignItemView) => (
    <>
      <input type="hidden" name="workspaceId" value={p.workspaceId} />
      <input type="hidden" name="campaignId" value={p.campaignId} />
      <input type="hidden" name="itemId" value={item.id} />
    </>
  );
  const subRow = (item: CampaignItemView) => {
    if (!p.running || item.decision !== null) return null;
    const decide = p.canDecide && (item.reviewerId === p.me || p.canManage);
    const answer = p.canManage && item.ownerEmail !== null && !item.ownerIsUser;
    if (!decide && !answer) return null;
    return (
      <>
        {decide && (
          <ActionForm action={decideItemAction} className="inline-form camp-form" label={`Decide ${item.label}`}>
            {hidden(item)}
            <DecisionFields item={item} />
            <button className="button button-primary" type="submit">
              Decide
            </button>
          </ActionForm>
        )}
        {answer && (
          <ActionForm
            action={recordAnswerAction}
            className="inline-form camp-form"
            label={`Record the answer of ${item.ownerEmail}`}
          >
            {hidden(item)}
            <DecisionFields item={item} />
            <label>
              Evidence (https link to the owner’s reply)
              <input type="url" name="url" required />
            </label>
            <button className="button" type="submit">
              Record {item.ownerEmail}’s answer
            </button>
          </ActionForm>
        )}
      </>
    );
  };
  if (p.items.length === 0) return <p className="muted">Nothing was in scope when the campaign started.</p>;
  return (
    <DataTable
      label="Campaign items"
      storageKey="campaign-items"
      columns={columns}
      rows={p.items}
      rowKey={(i) => i.id}
      subRow={subRow}
      className="camp-items"
      csvName="campaign-items"
    />
  );
}
