import type { Metadata } from 'next';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { setProfileAction } from '@/lib/apps/actions.ts';
import { departuresFromGuide } from '@/lib/apps/departures.ts';
import { appsNeedingClassification, catalogueAt, catalogueHistory, currentCatalogue } from '@/lib/apps/queries.ts';
import type { CatalogueApp } from '@/lib/apps/types.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { AppEditor } from './_components/app-editor.tsx';
import { CatalogueHistory } from './_components/catalogue-history.tsx';
import { CatalogueTable } from './_components/catalogue-table.tsx';
import { DeparturesList } from './_components/departures-list.tsx';
import { NeedsClassification } from './_components/needs-classification.tsx';

export const metadata: Metadata = { title: 'Apps' };

const DESCRIPTION = [
  'The app catalogue that decides each agent’s legs: which apps read private data, ingest untrusted content,',
  'or send outside the organisation, and what each action does.',
].join(' ');

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function AppsPage({ searchParams }: Props) {
  const { actor: user, db, workspace: current } = await workspacePage('apps:read');
  if (!current)
    return <PageHeader title="Apps" description="No workspace yet. An administrator adds one in Settings." />;
  const params = await searchParams;
  const atDate = params.at ? new Date(`${params.at}${params.at.length <= 16 ? 'Z' : ''}`) : null;
  const past = atDate && !Number.isNaN(atDate.getTime()) ? atDate : null;

  const [catalogue, versions, unclassified] = await Promise.all([
    past ? catalogueAt(db, current.id, past) : currentCatalogue(db, current.id),
    catalogueHistory(db, current.id),
    appsNeedingClassification(db, current.id),
  ]);
  const editable = can(user.roles, 'apps:write') && !past;
  const departures = departuresFromGuide(catalogue);
  const editing: { app: CatalogueApp; isNew: boolean } | null = !editable
    ? null
    : params.edit && catalogue.apps.some((a) => a.id === params.edit)
      ? { app: catalogue.apps.find((a) => a.id === params.edit)!, isNew: false }
      : params.add !== undefined
        ? {
            app: {
              id: params.add,
              name: params.add.replace(/^mcp:/, ''),
              aliases: [],
              legs: params.add.startsWith('mcp:') ? ['private_data', 'untrusted_content', 'external_send'] : [],
              actions: [],
            },
            isNew: true,
          }
        : null;
  const atParam = past ? `&at=${encodeURIComponent(past.toISOString())}` : '';
  const exportHref = `/api/apps/catalogue?ws=${encodeURIComponent(current.id)}${atParam}`;

  return (
    <>
      <PageHeader
        title="Apps"
        description={DESCRIPTION}
        actions={
          <>
            <a className="button" href="/apps/action-control">
              Action control (6.2)
            </a>
            <a className="button" href="/apps/gpt-policy">
              GPT policy (3.1)
            </a>
            <a className="button" href={exportHref} download>
              Export catalogue (JSON)
            </a>
          </>
        }
      />
      {past && (
        <div className="alert alert-warning">
          Showing the catalogue in force at {formatUtc(past)}: version {catalogue.version} ({catalogue.profile}{' '}
          profile). Read-only.
        </div>
      )}
      <div className="grid-2">
        <section className="panel" aria-labelledby="profile-title">
          <h2 id="profile-title">Profile: {catalogue.profile}</h2>
          <p className="small">
            <strong>guide</strong>: the guide’s lists (6.4 step 2 and the 6.04 script). <strong>strict</strong>: also
            counts shared-document stores and code hosts (Drive, SharePoint, OneDrive, Box, Dropbox, GitHub, GitLab) as
            untrusted content — a shared document can carry a prompt injection (the guide’s AgentFlayer example is a
            poisoned Drive file).
          </p>
          <p className="muted small">
            Version {catalogue.version}
            {catalogue.createdAt ? `, ${formatUtc(catalogue.createdAt)} by ${catalogue.createdBy}` : ' (built in)'}.
          </p>
          {editable && (
            <ActionForm action={setProfileAction} className="inline-form" label="Catalogue profile">
              <input type="hidden" name="workspaceId" value={current.id} />
              <input type="hidden" name="profile" value={catalogue.profile === 'guide' ? 'strict' : 'guide'} />
              <button className="button" type="submit">
                Switch to {catalogue.profile === 'guide' ? 'strict' : 'guide'}
              </button>
              <span className="muted small">
                Built-in entries are replaced by the profile’s; apps you added stay. Every agent is reclassified.
              </span>
            </ActionForm>
          )}
        </section>
        <section className="panel" aria-labelledby="departures-title">
          <h2 id="departures-title">Departures from the guide</h2>
          <DeparturesList departures={departures} />
        </section>
      </div>
      {!past && <NeedsClassification apps={unclassified} editable={editable} />}
      {editing && <AppEditor workspaceId={current.id} app={editing.app} isNew={editing.isNew} />}
      <section className="panel" aria-labelledby="catalogue-title">
        <div className="section-head">
          <h2 id="catalogue-title">Catalogue ({catalogue.apps.length} apps)</h2>
          {editable && !editing && (
            <a className="button button-small" href="/apps?add=#editor">
              Add an app
            </a>
          )}
        </div>
        <CatalogueTable apps={catalogue.apps} departures={departures} workspaceId={current.id} editable={editable} />
      </section>
      <CatalogueHistory versions={versions} at={params.at} />
    </>
  );
}
