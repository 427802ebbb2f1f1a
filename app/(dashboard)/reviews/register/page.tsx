import type { Metadata } from 'next';
import Link from 'next/link';
import { Forbidden } from '../../../../components/ui/forbidden.tsx';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { TechId } from '../../../../components/ui/tech-id.tsx';
import { pageAccess } from '../../../../lib/auth/page-guard.ts';
import { db } from '../../../../lib/db.ts';
import { formatUtc } from '../../../../lib/format.ts';
import { listRegister, parseRegisterFilter, registerApprovers } from '../../../../lib/reviews/register.ts';
import { currentWorkspace } from '../../../../lib/workspaces/current.ts';
import { ReviewsNav } from '../_components/reviews-nav.tsx';
import '../reviews.css';

export const metadata: Metadata = { title: 'Published register' };
export const dynamic = 'force-dynamic';

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { allowed } = await pageAccess('reviews:read');
  if (!allowed) return <Forbidden what="reviews" />;
  const { current } = await currentWorkspace();
  if (!current) return <PageHeader title="Published register" description="No workspace yet. An administrator adds one in Settings." />;
  const filter = parseRegisterFilter(await searchParams);
  const [entries, approvers] = await Promise.all([listRegister(db(), current.id, filter), registerApprovers(db(), current.id)]);
  const query = new URLSearchParams({ ws: current.id, ...(filter.q ? { q: filter.q } : {}), ...(filter.approver ? { approver: filter.approver } : {}), show: filter.show ?? 'current' });
  return (
    <>
      <PageHeader
        title="Reviews"
        description="The published-agents register: every approved configuration mapped to its named approvers and an effective date (guide 6.3 and 6.7). Superseded entries are kept for evidence."
        actions={<a className="button" href={`/api/reviews/register?${query}`}>Export CSV</a>}
      />
      <ReviewsNav current="/reviews/register" />
      <form className="panel filter-bar" method="get" aria-label="Filter the register">
        <label>Agent, name or owner<input type="search" name="q" defaultValue={filter.q} maxLength={200} /></label>
        <label>Approver
          <select name="approver" defaultValue={filter.approver ?? ''}>
            <option value="">Anyone</option>
            {approvers.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label>Entries
          <select name="show" defaultValue={filter.show}>
            <option value="current">In force</option>
            <option value="all">In force and superseded (history)</option>
          </select>
        </label>
        <button className="button" type="submit">Filter</button>
      </form>
      <section className="panel" aria-labelledby="register-title">
        <h2 id="register-title">Published register <span className="badge">{entries.length}</span></h2>
        {entries.length === 0 ? <p className="muted">No entry{filter.q || filter.approver ? ' matches these filters' : ' yet: approvals of agents appear here'}.</p> : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Published register table">
            <table className="table">
              <thead><tr><th>Agent</th><th>Owner</th><th>Version</th><th>Configuration</th><th>Approvers</th><th>Effective (UTC)</th><th>Conditions</th><th>State</th></tr></thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td><Link href={`/reviews/${encodeURIComponent(e.externalId)}`}>{e.agentName || e.externalId}</Link><div className="small muted">{e.externalId}</div></td>
                    <td>{e.ownerEmail}</td>
                    <td>{e.versionId ?? '—'}</td>
                    <td><TechId value={e.configHash} short={12} label="configuration hash" /></td>
                    <td>{e.approvers.join(', ')}</td>
                    <td className="nowrap">{formatUtc(e.effectiveAt)}</td>
                    <td className="small">{e.conditions ?? '—'}</td>
                    <td>{e.supersededAt ? <span className="state state-none">Superseded {formatUtc(e.supersededAt)}</span> : <span className="state state-mitigated">In force</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
