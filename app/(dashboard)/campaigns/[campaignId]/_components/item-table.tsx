'use client';
// The items of a campaign on the shared DataTable. Under an undecided item: the decision form for its reviewer
// (or a campaign manager), and for an owner outside Tollgate the form that records the owner's answer.
import { type DataColumn, DataTable } from '@/components/data-table/data-table.tsx';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { decideItemAction, moveItemAction } from '@/lib/campaigns/actions.ts';
import type { CampaignItemView } from '@/lib/campaigns/queries.ts';
import { isScope, SCOPE_LABELS } from '@/lib/campaigns/types.ts';
import { formatUtc } from '@/lib/format.ts';
import { AnswerForm } from './answer-form.tsx';
import { DecisionFields } from './decision-fields.tsx';

type Props = {
  items: CampaignItemView[];
  workspaceId: string;
  campaignId: string;
  running: boolean;
  me: string;
  canDecide: boolean;
  canManage: boolean;
  maxBytes: number;
  /** Who a manager may move an undecided item to. */
  reviewers: { id: string; label: string }[];
};

const scopeLabel = (s: string) => (isScope(s) ? SCOPE_LABELS[s] : s);

// The workspace names the download link of an answer's evidence file.
const columnsFor = (ws: string): DataColumn<CampaignItemView>[] => [
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
            <div key={a.id} className="muted">
              answer of {a.ownerEmail}, recorded by {a.recordedBy}; evidence:{' '}
              {a.url ? (
                <a href={a.url} rel="noopener noreferrer" target="_blank">
                  {a.url}
                </a>
              ) : (
                <a href={`/api/campaigns/answers/${encodeURIComponent(a.id)}?ws=${encodeURIComponent(ws)}`} download>
                  {a.filename}
                </a>
              )}
            </div>
          ))}
        </>
      ) : (
        <span className="muted">undecided</span>
      ),
    csv: (i) => (i.decision ? `${i.decision}${i.reassignTo ? ` ${i.reassignTo}` : ''}: ${i.reason}` : ''),
  },
];

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
    const others = p.canManage ? p.reviewers.filter((r) => r.id !== item.reviewerId && r.label !== item.holder) : [];
    if (!decide && !answer && others.length === 0) return null;
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
        {others.length > 0 && (
          <ActionForm action={moveItemAction} className="inline-form camp-form" label={`Move ${item.label}`}>
            {hidden(item)}
            <label>
              Move to reviewer
              <select name="reviewerId" defaultValue="">
                <option value="" disabled>
                  Choose…
                </option>
                {others.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
            <button className="button" type="submit">
              Move
            </button>
          </ActionForm>
        )}
        {answer && <AnswerForm workspaceId={p.workspaceId} item={item} maxBytes={p.maxBytes} />}
      </>
    );
  };
  if (p.items.length === 0) return <p className="muted">Nothing was in scope when the campaign started.</p>;
  return (
    <DataTable
      label="Campaign items"
      storageKey="campaign-items"
      columns={columnsFor(p.workspaceId)}
      rows={p.items}
      rowKey={(i) => i.id}
      subRow={subRow}
      className="camp-items"
      csvName="campaign-items"
    />
  );
}
