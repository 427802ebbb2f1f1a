import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { MAX_OWNERS } from '@/lib/findings/evaluate.ts';
import {
  ATTESTATION_DAYS,
  attestationOverdue,
  daysSinceAttestation,
  needsAttestation,
} from '@/lib/roster/attestation.ts';
import { parseRosterFilter, rosterQuery } from '@/lib/roster/filter.ts';
import { groupNames, listMembers, rosterSummary } from '@/lib/roster/queries.ts';
import { RolesTabs } from '@/app/(dashboard)/roles/_components/roles-tabs.tsx';
import { AttestAllForm } from './_components/attest-all-form.tsx';
import { MembersTable } from './_components/members-table.tsx';
import { RosterFilterBar } from './_components/roster-filter-bar.tsx';
import { SubjectFindings } from '@/app/(dashboard)/findings/_components/subject-findings.tsx';

export const metadata: Metadata = { title: 'Members' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SOURCE_LABEL: Record<string, string> = { scim: 'SCIM', csv: 'CSV' };

export default async function MembersPage({ searchParams }: Props) {
  const { actor: user, db, workspace: current } = await workspacePage('roles:read');
  if (!current)
    return <PageHeader title="Roles" description="No workspace yet. An administrator adds one in Settings." />;

  const now = new Date();
  const filter = parseRosterFilter(await searchParams);
  const [{ rows, total }, summary, groups] = await Promise.all([
    listMembers(db, current.id, filter, now),
    rosterSummary(db, current.id, now),
    groupNames(db, current.id),
  ]);
  const canImport = can(user.roles, 'roster:write');
  const canAttest = can(user.roles, 'roster:attest');
  const pages = Math.max(1, Math.ceil(total / filter.size));
  const attestable = rows.filter((m) => needsAttestation(m));

  return (
    <>
      <PageHeader
        title="Roles"
        description={[
          `The ${current.name} roster as the IdP provisions it (SCIM) and the admin console exports it (CSV):`,
          'workspace roles, groups and agent roles held directly.',
        ].join(' ')}
        actions={
          canImport && (
            <Link className="button button-primary" href="/roles/members/import">
              Import members export
            </Link>
          )
        }
      />
      <RolesTabs active="members" />
      {summary.total === 0 ? (
        <div className="panel empty-state">
          <p>
            No members yet. Connect your IdP to Tollgate’s SCIM endpoint, or export the members list from the admin
            console (email, name, role, status, groups, agent_roles) and import it here.
          </p>
          {canImport && (
            <p>
              <Link className="button button-primary" href="/roles/members/import">
                Import a members export
              </Link>
            </p>
          )}
        </div>
      ) : (
        <>
          <section className="panel" aria-label="Roster at a glance">
            <ul className="roster-figures">
              <li>
                <Link href="/roles/members?status=active">
                  <strong>{summary.active.toLocaleString('en')}</strong> active
                </Link>
              </li>
              <li className={summary.owners > MAX_OWNERS ? 'bad' : undefined}>
                <Link href="/roles/members?role=owner&status=active">
                  <strong>{summary.owners}</strong> owner{summary.owners === 1 ? '' : 's'}
                  {summary.owners > MAX_OWNERS ? ` (guide 1.4: at most ${MAX_OWNERS})` : ''}
                </Link>
              </li>
              <li>
                <Link href="/roles/members?role=admin&status=active">
                  <strong>{summary.admins}</strong> admin{summary.admins === 1 ? '' : 's'}
                </Link>
              </li>
              <li className={summary.overdue > 0 ? 'bad' : undefined}>
                <Link href="/roles/members?show=overdue">
                  <strong>{summary.overdue}</strong> due for re-attestation
                </Link>
              </li>
              <li>
                <Link href="/roles/members?status=deactivated">
                  <strong>{summary.deactivated.toLocaleString('en')}</strong> deactivated
                </Link>
              </li>
              <li>
                <Link href="/roles/members?status=removed">
                  <strong>{summary.removed.toLocaleString('en')}</strong> removed
                </Link>
              </li>
              <li className={summary.orphanedAgents > 0 ? 'bad' : undefined}>
                <Link href="/agents?show=orphaned">
                  <strong>{summary.orphanedAgents.toLocaleString('en')}</strong> orphaned agent
                  {summary.orphanedAgents === 1 ? '' : 's'}
                </Link>
              </li>
            </ul>
          </section>
          <RosterFilterBar filter={filter} groups={groups} />
          <div className="table-toolbar">
            <p className="muted small" aria-live="polite">
              {total.toLocaleString('en')} member{total === 1 ? '' : 's'} match · page {filter.page} of {pages}
            </p>
            {canAttest && (
              <AttestAllForm workspaceId={current.id} members={attestable.map((m) => ({ id: m.id, email: m.email }))} />
            )}
          </div>
          <MembersTable
            workspaceId={current.id}
            canAttest={canAttest}
            attestTitle={`Owners and admins are re-attested at least every ${ATTESTATION_DAYS} days (guide 1.4)`}
            paging={{ page: filter.page, pages }}
            rows={rows.map((m) => {
              const days = daysSinceAttestation(m.attestedAt, now);
              const needed = needsAttestation(m);
              return {
                id: m.id,
                name: m.name,
                email: m.email,
                workspaceRole: m.workspaceRole,
                status: m.status,
                groups: m.groups.map((g) => ({ name: g, href: `/roles/members${rosterQuery(filter, { group: g })}` })),
                directAgentRoles: m.directAgentRoles,
                source: SOURCE_LABEL[m.identitySource] ?? m.identitySource,
                attestation: {
                  needed,
                  text: needed
                    ? days === null
                      ? 'never'
                      : `${days} day${days === 1 ? '' : 's'} ago`
                    : m.attestedAt
                      ? `${days} days ago`
                      : 'not needed',
                  overdue: attestationOverdue(m, now),
                  at: m.attestedAt ? formatUtc(m.attestedAt) : null,
                  by: m.attestedBy,
                },
              };
            })}
          />
        </>
      )}
      <SubjectFindings db={db} workspaceId={current.id} subjectType="member" title="Findings about members" />
      <SubjectFindings db={db} workspaceId={current.id} subjectType="workspace" title="Findings about the workspace" />
    </>
  );
}
