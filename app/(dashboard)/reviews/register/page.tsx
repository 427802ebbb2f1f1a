import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { FilterForm } from '@/components/data-table/filter-form.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { listRegister, parseRegisterFilter, registerApprovers } from '@/lib/reviews/register.ts';
import { AGENT_KIND_LABELS } from '@/lib/reviews/queue.ts';
import { RegisterTable } from '@/app/(dashboard)/reviews/_components/register-table.tsx';
import { ReviewsNav } from '@/app/(dashboard)/reviews/_components/reviews-nav.tsx';
import { pageSlice, parsePage, parseSort, sortRows } from '@/components/data-table/url-state.ts';
import '@/app/(dashboard)/reviews/reviews.css';

export const metadata: Metadata = { title: 'Published register' };
// The columns this page sorts by on the server (ids of the table's columns). Kept here, not in the client
// table module: a server component reads a client module's exports only as references.
const REGISTER_SORTS = ['agent', 'owner', 'effective'] as const;
export const dynamic = 'force-dynamic';
const PAGE_SIZE = 100;

const DESCRIPTION = [
  'The published-agents register: every approved configuration mapped to its named approvers and an effective',
  'date (guide 6.3 and 6.7). Superseded entries are kept for evidence.',
].join(' ');

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, workspace: current } = await workspacePage('reviews:read');
  if (!current)
    return (
      <PageHeader title="Published register" description="No workspace yet. An administrator adds one in Settings." />
    );
  const params = await searchParams;
  const filter = parseRegisterFilter(params);
  const [entries, approvers] = await Promise.all([
    listRegister(db, current.id, filter),
    registerApprovers(db, current.id),
  ]);
  const sorted = sortRows(entries, parseSort(params, REGISTER_SORTS), (e, key) =>
    key === 'agent' ? e.agentName || e.externalId : key === 'owner' ? e.ownerEmail : e.effectiveAt,
  );
  const view = pageSlice(sorted, parsePage(params), PAGE_SIZE);
  const query = new URLSearchParams({
    ws: current.id,
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.approver ? { approver: filter.approver } : {}),
    show: filter.show ?? 'current',
  });
  return (
    <>
      <PageHeader
        title="Reviews"
        description={DESCRIPTION}
        actions={
          <a className="button" href={`/api/reviews/register?${query}`}>
            Export CSV
          </a>
        }
      />
      <ReviewsNav current="/reviews/register" />
      <FilterForm className="panel filter-bar" label="Filter the register">
        <label>
          Agent, name or owner
          <input type="search" name="q" defaultValue={filter.q} maxLength={200} />
        </label>
        <label>
          Approver
          <select name="approver" defaultValue={filter.approver ?? ''}>
            <option value="">Anyone</option>
            {approvers.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          Entries
          <select name="show" defaultValue={filter.show}>
            <option value="current">In force</option>
            <option value="all">In force and superseded (history)</option>
          </select>
        </label>
        <button className="button" type="submit">
          Filter
        </button>
      </FilterForm>
      <section className="panel" aria-labelledby="register-title">
        <h2 id="register-title">
          Published register <span className="badge">{entries.length}</span>
        </h2>
        {entries.length === 0 ? (
          <p className="muted">
            No entry{filter.q || filter.approver ? ' matches these filters' : ' yet: approvals of agents appear here'}.
          </p>
        ) : (
          <RegisterTable
            paging={{ page: view.page, pages: view.pages }}
            rows={view.rows.map((e) => ({
              id: e.id,
              externalId: e.externalId,
              kind: AGENT_KIND_LABELS[e.kind] ?? e.kind,
              agentName: e.agentName,
              ownerEmail: e.ownerEmail,
              versionId: e.versionId,
              configHash: e.configHash,
              approvers: e.approvers,
              effective: formatUtc(e.effectiveAt),
              conditions: e.conditions,
              superseded: e.supersededAt ? formatUtc(e.supersededAt) : null,
            }))}
          />
        )}
      </section>
    </>
  );
}
