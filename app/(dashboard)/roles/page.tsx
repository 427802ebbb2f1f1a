import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { importRolesPackAction } from '@/lib/roles/actions.ts';
import { permissionsOf, type RoleSpec } from '@/lib/roles/dimensions.ts';
import {
  directAssignmentCounts,
  groupMemberCounts,
  roleMatrix,
  sortRoles,
  workspaceGroups,
} from '@/lib/roles/queries.ts';
import { DeparturesPanel } from './_components/departures-panel.tsx';
import { PackImport } from './_components/pack-import.tsx';
import { RoleEditor } from './_components/role-editor.tsx';
import { RoleMatrix, type MatrixRow } from './_components/role-matrix.tsx';
import { RolesTabs } from './_components/roles-tabs.tsx';
import { SubjectFindings } from '@/app/(dashboard)/findings/_components/subject-findings.tsx';

export const metadata: Metadata = { title: 'Roles' };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

const DESCRIPTION = [
  'Who may use, build and publish workspace agents (guide 6.1): the approved baseline beside what the workspace',
  'has, each role mapped to an IdP group.',
].join(' ');
const GUIDE_DEFAULT = [
  'the guide’s default (agents-run uses; agents-build also builds; agents-admin also publishes and runs the',
  'Slack bot; no role publishes with shared connections) — not edited yet',
].join(' ');
const PACK_HELP = [
  'The guide’s pack as shipped has four features and enables the Slack bot for every role; Tollgate reads it,',
  'says where it departs from the guide’s text, and reads a missing feature as disabled.',
  'Exports always carry all five dimensions.',
].join(' ');

export default async function RolesPage({ searchParams }: Props) {
  const { actor: user, db, workspace: current } = await workspacePage('roles:read');
  if (!current)
    return <PageHeader title="Roles" description="No workspace yet. An administrator adds one in Settings." />;
  const params = await searchParams;
  const editable = can(user.roles, 'roles:write');

  const matrix = await roleMatrix(db, current.id);
  const hasObserved = matrix.observed.length > 0;
  const names = sortRoles([
    ...new Map([...matrix.baseline, ...matrix.observed].map((r) => [r.name.toLowerCase(), { name: r.name }])).values(),
  ]);
  const find = (roles: RoleSpec[], name: string) =>
    roles.find((r) => r.name.toLowerCase() === name.toLowerCase()) ?? null;
  const groupNames = [...matrix.baseline, ...matrix.observed].flatMap((r) => (r.groupName ? [r.groupName] : []));
  const [counts, direct, groups] = await Promise.all([
    groupMemberCounts(db, current.id, groupNames),
    directAssignmentCounts(
      db,
      current.id,
      names.map((n) => n.name),
    ),
    workspaceGroups(db, current.id),
  ]);
  const countOf = (group: string | null | undefined) => (group ? (counts.get(group) ?? null) : null);
  const rows: MatrixRow[] = names.map(({ name }) => {
    const baseline = find(matrix.baseline, name);
    const observed = find(matrix.observed, name);
    return {
      name,
      baseline,
      observed,
      baselineMembers: countOf(baseline?.groupName),
      observedMembers: countOf(observed?.groupName),
      direct: direct.get(name) ?? 0,
    };
  });

  const editing = !editable
    ? null
    : params.edit && find(matrix.baseline, params.edit)
      ? { role: find(matrix.baseline, params.edit)!, isNew: false }
      : params.add !== undefined
        ? {
            role: { name: params.add, description: '', groupName: params.add || null, permissions: permissionsOf([]) },
            isNew: true,
          }
        : null;
  const download = (side: string) => `/api/packs/roles?ws=${encodeURIComponent(current.id)}&side=${side}`;

  return (
    <>
      <PageHeader
        title="Roles"
        description={DESCRIPTION}
        actions={
          <div className="pack-downloads">
            <a className="button" href={download('baseline')} download>
              Export baseline (6.01 pack)
            </a>
            {hasObserved && (
              <a className="button" href={download('observed')} download>
                Export observed
              </a>
            )}
          </div>
        }
      />
      <RolesTabs active="matrix" />
      <section className="panel" aria-labelledby="matrix-title">
        <div className="section-head">
          <h2 id="matrix-title">Agent role matrix</h2>
          {editable && !editing && (
            <a className="button button-small" href="/roles?add=#editor">
              Add a baseline role
            </a>
          )}
        </div>
        <div className="side-note small muted">
          <span>
            <strong>Approved:</strong>{' '}
            {matrix.baselineIsDefault
              ? GUIDE_DEFAULT
              : `edited ${formatUtc(matrix.baselineChanged?.at)} by ${matrix.baselineChanged?.by}`}
          </span>
          <span>
            <strong>Observed:</strong>{' '}
            {hasObserved
              ? `imported ${formatUtc(matrix.observedChanged?.at)} by ${matrix.observedChanged?.by}`
              : 'not imported yet'}
          </span>
        </div>
        <RoleMatrix
          workspaceId={current.id}
          rows={rows}
          departures={matrix.departures}
          hasObserved={hasObserved}
          editable={editable}
        />
      </section>
      {editing && (
        <RoleEditor
          workspaceId={current.id}
          role={editing.role}
          isNew={editing.isNew}
          groups={groups.map((g) => g.displayName)}
        />
      )}
      <div className="grid-2">
        <DeparturesPanel
          title="Observed vs approved"
          departures={matrix.departures}
          hasObserved={hasObserved}
          what="agent roles"
        />
        {editable && (
          <section className="panel" aria-labelledby="import-title">
            <h2 id="import-title">Import a 6.01 roles pack</h2>
            <p className="small muted">{PACK_HELP}</p>
            <PackImport action={importRolesPackAction} workspaceId={current.id} packName="6.01 roles" confirmHighRisk />
          </section>
        )}
      </div>
      <SubjectFindings db={db} workspaceId={current.id} subjectType="role" title="Findings about the agent roles" />
    </>
  );
}
