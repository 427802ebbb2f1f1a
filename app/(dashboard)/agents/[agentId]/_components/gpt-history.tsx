// A GPT's configuration versions: pick any two to compare (a GET form, so the comparison is a link), what
// changed since its configuration was approved, and which stored version to restore in the builder.
import { formatUtc } from '@/lib/format.ts';
import type { GptChange } from '@/lib/gpts/diff.ts';
import { type HistoryVersion, pickVersions, sinceApproval } from '@/lib/gpts/history-view.ts';
import type { GptApproval } from '@/lib/gpts/queries.ts';
import type { Gpt } from '@/lib/gpts/types.ts';
import { type ChangeRow, ChangesTable } from './gpt-tables.tsx';

type Props = {
  gptId: string;
  gpt: Gpt;
  configHash: string;
  versions: HistoryVersion[];
  approval: GptApproval | null;
  search: { from?: string; to?: string };
};

const when = (v: HistoryVersion) => (v.configCreatedAt ? formatUtc(new Date(v.configCreatedAt)) : 'date unknown');
const label = (v: HistoryVersion) => `${v.configId} (${when(v)})`;

function detail(c: GptChange): string {
  const parts = [c.field, c.before !== null ? `was ${c.before}` : null, c.after !== null ? `now ${c.after}` : null];
  return parts.filter(Boolean).join(': ').replace(': now', ', now') || '—';
}

function rows(changes: GptChange[]): ChangeRow[] {
  return changes.map((c, i) => ({
    key: String(i),
    area: c.area,
    change: c.change,
    subject: c.subject,
    detail: detail(c),
  }));
}

export function GptHistory({ gptId, gpt, configHash, versions, approval, search }: Props) {
  const pair = pickVersions(versions, search.from, search.to);
  const since = approval ? sinceApproval(versions, gpt, configHash, approval.configHash) : null;
  const newestFirst = [...versions].reverse();
  return (
    <section className="panel" aria-labelledby="versions-title">
      <h2 id="versions-title">Configuration versions</h2>
      {approval && since && (
        <div>
          <h3 id="since-title">Since it was approved</h3>
          <p className="small">
            Approved {formatUtc(approval.effectiveAt)} by {approval.approvers.join(', ') || 'unknown'}.{' '}
            {since.current
              ? 'The GPT still has the approved configuration.'
              : since.rollback
                ? `To go back, restore version ${label(since.rollback)} in the GPT builder.`
                : 'The approved configuration is not among the stored versions (its sharing may have changed).'}
          </p>
          {since.changes && since.changes.length > 0 && (
            <ChangesTable label="Changes since approval" rows={rows(since.changes)} />
          )}
        </div>
      )}
      {!approval && <p className="small muted">No approved configuration yet: approve it through the review.</p>}
      {versions.length < 2 ? (
        <p className="muted">
          {versions.length === 1 ? 'One version so far: nothing to compare.' : 'No versions stored.'}
        </p>
      ) : (
        pair && (
          <>
            <form
              method="get"
              action={`/agents/${encodeURIComponent(gptId)}#versions-title`}
              className="filters"
              aria-label="Compare two versions"
            >
              <div className="field">
                <label htmlFor="diff-from">Compare</label>
                <select id="diff-from" name="from" defaultValue={pair.before.configId}>
                  {newestFirst.map((v) => (
                    <option key={v.configId} value={v.configId}>
                      {label(v)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="diff-to">with</label>
                <select id="diff-to" name="to" defaultValue={pair.after.configId}>
                  {newestFirst.map((v) => (
                    <option key={v.configId} value={v.configId}>
                      {label(v)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="filter-buttons">
                <button className="button" type="submit">
                  Compare
                </button>
              </div>
            </form>
            <h3>
              {label(pair.before)} → {label(pair.after)}
            </h3>
            {pair.changes.length === 0 ? (
              <p className="muted">No change in capabilities, actions, files or apps between these versions.</p>
            ) : (
              <ChangesTable label="Changes between versions" rows={rows(pair.changes)} />
            )}
          </>
        )
      )}
    </section>
  );
}
