import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { importControlsPackAction } from '@/lib/action-control/actions.ts';
import { closesSends, indexControls } from '@/lib/action-control/effect.ts';
import { controlMatrix } from '@/lib/action-control/queries.ts';
import { CUSTOM_MCP, type ControlSpec } from '@/lib/action-control/types.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { DeparturesPanel } from '@/app/(dashboard)/roles/_components/departures-panel.tsx';
import { PackImport } from '@/app/(dashboard)/roles/_components/pack-import.tsx';
import { ControlEditor } from './_components/control-editor.tsx';
import { ControlMatrix, type ControlRow } from './_components/control-matrix.tsx';
import { SubjectFindings } from '@/app/(dashboard)/findings/_components/subject-findings.tsx';

export const metadata: Metadata = { title: 'Action control' };

const DESCRIPTION = [
  'What each connected app may do (guide 6.2): allow_all, read_only or custom, and the default for new actions —',
  'the approved baseline beside what the workspace has. An observed read_only, or custom denying every',
  'external-send action, closes that app’s send leg of the trifecta',
  '(not for web search or browser, whose reads are outbound requests).',
].join(' ');

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function ActionControlPage({ searchParams }: Props) {
  const { actor: user, db, workspace: current } = await workspacePage('apps:read');
  if (!current)
    return <PageHeader title="Action control" description="No workspace yet. An administrator adds one in Settings." />;
  const params = await searchParams;
  const editable = can(user.roles, 'apps:write');

  const matrix = await controlMatrix(db, current.id);
  const hasObserved = matrix.observed.length > 0;
  const resolveApp = createAppResolver(matrix.catalogue);
  const observedIndex = indexControls(matrix.observed);
  const names = new Map<string, string>([
    ...matrix.catalogue.apps.map((a) => [a.id, a.name] as const),
    [CUSTOM_MCP, 'Custom MCP servers'],
  ]);
  for (const c of [...matrix.baseline, ...matrix.observed]) if (!names.has(c.appId)) names.set(c.appId, c.appId);
  const byId = (list: ControlSpec[], appId: string) => list.find((c) => c.appId === appId) ?? null;
  const rows: ControlRow[] = [...names].map(([appId, name]) => ({
    appId,
    name,
    baseline: byId(matrix.baseline, appId),
    observed: byId(matrix.observed, appId),
    closesSends: closesSends(appId, observedIndex.get(appId), resolveApp),
  }));

  const editId = editable && params.edit && names.has(params.edit) ? params.edit : null;
  const editApp = editId ? matrix.catalogue.apps.find((a) => a.id === editId) : undefined;
  const editControl: ControlSpec | null = editId
    ? (byId(matrix.baseline, editId) ?? {
        appId: editId,
        enabled: false,
        mode: 'read_only',
        allowedActions: [],
        deniedActions: [],
        newActionsDefault: 'deny',
      })
    : null;
  const download = (side: string) => `/api/packs/action-control?ws=${encodeURIComponent(current.id)}&side=${side}`;

  return (
    <>
      <p className="breadcrumb small">
        <Link href="/apps">Apps</Link> / Action control
      </p>
      <PageHeader
        title="Action control"
        description={DESCRIPTION}
        actions={
          <div className="pack-downloads">
            <a className="button" href={download('baseline')} download>
              Export baseline (6.02 pack)
            </a>
            {hasObserved && (
              <a className="button" href={download('observed')} download>
                Export observed
              </a>
            )}
          </div>
        }
      />
      <section className="panel" aria-labelledby="controls-title">
        <h2 id="controls-title">Apps</h2>
        <div className="side-note small muted">
          <span>
            <strong>Approved:</strong>{' '}
            {matrix.baselineIsDefault
              ? 'the guide’s 6.02 pack (read_only and deny new actions; Slack custom, reads only) — not edited yet'
              : `edited ${formatUtc(matrix.baselineChanged?.at)} by ${matrix.baselineChanged?.by}`}
          </span>
          <span>
            <strong>Observed:</strong>{' '}
            {hasObserved
              ? `imported ${formatUtc(matrix.observedChanged?.at)} by ${matrix.observedChanged?.by}`
              : 'not imported yet'}
          </span>
        </div>
        <ControlMatrix rows={rows} departures={matrix.departures} hasObserved={hasObserved} editable={editable} />
      </section>
      {editControl && (
        <ControlEditor
          workspaceId={current.id}
          control={editControl}
          name={names.get(editControl.appId) ?? editControl.appId}
          actions={
            editApp
              ? editApp.actions.map((a) => ({ name: a.name, externalSend: a.externalSend, access: a.access }))
              : null
          }
        />
      )}
      <div className="grid-2">
        <DeparturesPanel
          title="Observed vs approved"
          departures={matrix.departures}
          hasObserved={hasObserved}
          what="action controls"
        />
        {editable && (
          <section className="panel" aria-labelledby="import-title">
            <h2 id="import-title">Import a 6.02 action-control pack</h2>
            <p className="small muted">
              App keys are matched to the catalogue by name (google_drive is Google Drive); custom_mcp_servers applies
              to every custom MCP server; custom lists must name the catalogue’s actions. An observed import
              reclassifies every agent.
            </p>
            <PackImport action={importControlsPackAction} workspaceId={current.id} packName="6.02 action-control" />
          </section>
        )}
      </div>
      <SubjectFindings db={db} workspaceId={current.id} subjectType="app" title="Findings about action control" />
    </>
  );
}
