import type { Metadata } from 'next';
import Link from 'next/link';
import { Forbidden } from '../../../../components/ui/forbidden.tsx';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { pageAccess } from '../../../../lib/auth/page-guard.ts';
import { can } from '../../../../lib/auth/permissions.ts';
import { db } from '../../../../lib/db.ts';
import { formatUtc } from '../../../../lib/format.ts';
import { MAX_OWNERS } from '../../../../lib/findings/evaluate.ts';
import { ATTESTATION_DAYS, attestationOverdue, daysSinceAttestation, needsAttestation } from '../../../../lib/roster/attestation.ts';
import { parseRosterFilter, rosterQuery } from '../../../../lib/roster/filter.ts';
import { groupNames, listMembers, rosterSummary } from '../../../../lib/roster/queries.ts';
import { currentWorkspace } from '../../../../lib/workspaces/current.ts';
import { RolesTabs } from '../_components/roles-tabs.tsx';
import { AttestAllForm } from './_components/attest-all-form.tsx';
import { AttestButton } from './_components/attest-button.tsx';
import { RosterFilterBar } from './_components/roster-filter-bar.tsx';
import { SubjectFindings } from '../../findings/_components/subject-findings.tsx';

export const metadata: Metadata = { title: 'Members' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SOURCE_LABEL: Record<string, string> = { scim: 'SCIM', csv: 'CSV' };

export default async function MembersPage({ searchParams }: Props) {
  const { user, allowed } = await pageAccess('roles:read');
  if (!allowed) return <Forbidden what="the workspace roster" />;
  const { current } = await currentWorkspace();
  if (!current) return <PageHeader title="Roles" description="No workspace yet. An administrator adds one in Settings." />;

  const now = new Date();
  const filter = parseRosterFilter(await searchParams);
  const [{ rows, total }, summary, groups] = await Promise.all([listMembers(db(), current.id, filter, now), rosterSummary(db(), current.id, now), groupNames(db(), current.id)]);
  const canImport = can(user.roles, 'roster:write');
  const canAttest = can(user.roles, 'roster:attest');
  const pages = Math.max(1, Math.ceil(total / filter.size));
  const attestable = rows.filter((m) => needsAttestation(m));

  return (
    <>
      <PageHeader
        title="Roles"
        description={`The ${current.name} roster as the IdP provisions it (SCIM) and the admin console exports it (CSV): workspace roles, groups and agent roles held directly.`}
        actions={canImport && <Link className="button button-primary" href="/roles/members/import">Import members export</Link>}
      />
      <RolesTabs active="members" />
      {summary.total === 0 ? (
        <div className="panel empty-state">
          <p>No members yet. Connect your IdP to Tollgate’s SCIM endpoint, or export the members list from the admin console (email, name, role, status, groups, agent_roles) and import it here.</p>
          {canImport && <p><Link className="button button-primary" href="/roles/members/import">Import a members export</Link></p>}
        </div>
      ) : (
        <>
          <section className="panel" aria-label="Roster at a glance">
            <ul className="roster-figures">
              <li><Link href="/roles/members?status=active"><strong>{summary.active.toLocaleString('en')}</strong> active</Link></li>
              <li className={summary.owners > MAX_OWNERS ? 'bad' : undefined}><Link href="/roles/members?role=owner&status=active"><strong>{summary.owners}</strong> owner{summary.owners === 1 ? '' : 's'}{summary.owners > MAX_OWNERS ? ` (guide 1.4: at most ${MAX_OWNERS})` : ''}</Link></li>
              <li><Link href="/roles/members?role=admin&status=active"><strong>{summary.admins}</strong> admin{summary.admins === 1 ? '' : 's'}</Link></li>
              <li className={summary.overdue > 0 ? 'bad' : undefined}><Link href="/roles/members?show=overdue"><strong>{summary.overdue}</strong> due for re-attestation</Link></li>
              <li><Link href="/roles/members?status=deactivated"><strong>{summary.deactivated.toLocaleString('en')}</strong> deactivated</Link></li>
              <li><Link href="/roles/members?status=removed"><strong>{summary.removed.toLocaleString('en')}</strong> removed</Link></li>
              <li className={summary.orphanedAgents > 0 ? 'bad' : undefined}><Link href="/agents?show=orphaned"><strong>{summary.orphanedAgents.toLocaleString('en')}</strong> orphaned agent{summary.orphanedAgents === 1 ? '' : 's'}</Link></li>
            </ul>
          </section>
          <RosterFilterBar filter={filter} groups={groups} />
          <div className="table-toolbar">
            <p className="muted small" aria-live="polite">{total.toLocaleString('en')} member{total === 1 ? '' : 's'} match · page {filter.page} of {pages}</p>
            {canAttest && <AttestAllForm workspaceId={current.id} members={attestable.map((m) => ({ id: m.id, email: m.email }))} />}
          </div>
          <div className="panel table-scroll" tabIndex={0} role="region" aria-label="Members">
            <table className="table roster-table">
              <thead>
                <tr>
                  <th>Member</th><th>Workspace role</th><th>Status</th><th>Groups</th><th>Direct agent roles</th><th>Source</th>
                  <th title={`Owners and admins are re-attested at least every ${ATTESTATION_DAYS} days (guide 1.4)`}>Attested</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => {
                  const days = daysSinceAttestation(m.attestedAt, now);
                  const overdue = attestationOverdue(m, now);
                  return (
                    <tr key={m.id}>
                      <td>
                        <div className="member-name">{m.name ?? <span className="muted">(no name)</span>}</div>
                        <div className="muted small">{m.email}</div>
                      </td>
                      <td className={m.workspaceRole ? `role-${m.workspaceRole}` : 'muted'}>{m.workspaceRole ?? 'not known yet'}</td>
                      <td className={`status-${m.status}`}>{m.status}</td>
                      <td>{m.groups.length ? <span className="app-chips">{m.groups.map((g) => <Link key={g} className="chip" href={`/roles/members${rosterQuery(filter, { group: g })}`}>{g}</Link>)}</span> : <span className="muted">—</span>}</td>
                      <td>{m.directAgentRoles.length ? <span className="app-chips">{m.directAgentRoles.map((r) => <span key={r} className="chip chip-unknown" title="Assigned directly, not through an IdP group">{r}</span>)}</span> : <span className="muted">—</span>}</td>
                      <td><span className="tag tag-source">{SOURCE_LABEL[m.identitySource] ?? m.identitySource}</span></td>
                      <td>
                        {needsAttestation(m) ? (
                          <div className="row-actions">
                            <span className={overdue ? 'days-overdue' : undefined}>
                              {days === null ? 'never' : `${days} day${days === 1 ? '' : 's'} ago`}
                            </span>
                            {m.attestedAt && <span className="muted small attested-by" title={formatUtc(m.attestedAt)}>by {m.attestedBy}</span>}
                            {canAttest && <AttestButton workspaceId={current.id} memberId={m.id} email={m.email} />}
                          </div>
                        ) : (
                          <span className="muted small">{m.attestedAt ? `${days} days ago` : 'not needed'}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages">
            {filter.page > 1 && <Link className="button button-small" href={`/roles/members${rosterQuery(filter, { page: filter.page - 1 })}`}>← Previous</Link>}
            {filter.page < pages && <Link className="button button-small" href={`/roles/members${rosterQuery(filter, { page: filter.page + 1 })}`}>Next →</Link>}
          </nav>
        </>
      )}
      <SubjectFindings workspaceId={current.id} subjectType="member" title="Findings about members" />
      <SubjectFindings workspaceId={current.id} subjectType="workspace" title="Findings about the workspace" />
    </>
  );
}
