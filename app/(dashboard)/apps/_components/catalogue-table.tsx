'use client';
// The catalogue on the shared DataTable: each app's names, legs and actions (read/write, external send,
// approval category), with edit and remove buttons for those who may change it.
import Link from 'next/link';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { removeAppAction } from '@/lib/apps/actions.ts';
import type { Departure } from '@/lib/apps/departures.ts';
import { LEGS, type Leg } from '@/lib/apps/legs.ts';
import type { CatalogueApp } from '@/lib/apps/types.ts';

type Action = CatalogueApp['actions'][number];
type Row = CatalogueApp & { departure: Departure['kind'] | null };

const LEG_HEADER: Record<Leg, string> = {
  private_data: 'Private data',
  untrusted_content: 'Untrusted content',
  external_send: 'External send',
};
const LEG_LETTER: Record<Leg, string> = { private_data: 'P', untrusted_content: 'U', external_send: 'S' };

function actionTitle(a: Action): string {
  const sends = a.externalSend ? ', sends outside the organisation' : '';
  return `${a.access}${sends}${a.approvalCategory ? `, approval category ${a.approvalCategory}` : ''}`;
}
const actionText = (a: Action) => `${a.name}${a.approvalCategory ? ` · ${a.approvalCategory}` : ''}`;

function legColumn(l: Leg): DataColumn<Row> {
  return {
    id: l,
    header: LEG_HEADER[l],
    className: 'leg-col',
    headerClassName: 'leg-col',
    cell: (app) =>
      app.legs.includes(l) ? (
        <span className={`leg-dot lit leg-${l}`} role="img" aria-label="yes">
          {LEG_LETTER[l]}
        </span>
      ) : (
        <span className="muted" role="img" aria-label="no">
          ·
        </span>
      ),
    csv: (app) => (app.legs.includes(l) ? 'yes' : 'no'),
  };
}

function catalogueColumns(workspaceId: string, editable: boolean): DataColumn<Row>[] {
  const columns: DataColumn<Row>[] = [
    {
      id: 'app',
      header: 'App',
      hideable: false,
      cell: (app) => (
        <>
          <strong>{app.name}</strong>
          <div className="mono small muted">{app.id}</div>
          {app.departure && (
            <span className="tag tag-warn">
              {app.departure === 'added' ? 'not in the guide' : 'differs from the guide'}
            </span>
          )}
        </>
      ),
      csv: (app) => app.id,
    },
    {
      id: 'aliases',
      header: 'Aliases',
      className: 'small',
      cell: (app) => app.aliases.join(', ') || '—',
      csv: (app) => app.aliases.join(', '),
    },
    ...LEGS.map(legColumn),
    {
      id: 'actions',
      header: 'Actions',
      className: 'small',
      cell: (app) =>
        app.actions.length === 0
          ? '—'
          : app.actions.map((a) => (
              <span
                key={a.name}
                className={a.externalSend ? 'chip chip-send' : a.access === 'write' ? 'chip chip-write' : 'chip'}
                title={actionTitle(a)}
              >
                {actionText(a)}
              </span>
            )),
      csv: (app) => app.actions.map(actionText).join('; '),
    },
  ];
  if (editable)
    columns.push({
      id: 'edit',
      header: 'Edit',
      headerHidden: true,
      hideable: false,
      className: 'nowrap row-actions',
      cell: (app) => (
        <>
          <Link className="button button-small" href={`/apps?edit=${encodeURIComponent(app.id)}#editor`}>
            Edit
          </Link>
          <ActionForm action={removeAppAction} className="inline" label={`Remove ${app.name}`}>
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="appId" value={app.id} />
            <button className="button button-small button-danger" type="submit">
              Remove
            </button>
          </ActionForm>
        </>
      ),
    });
  return columns;
}

export function CatalogueTable({
  apps,
  departures,
  workspaceId,
  editable,
}: {
  apps: CatalogueApp[];
  departures: Departure[];
  workspaceId: string;
  editable: boolean;
}) {
  const departed = new Map(departures.map((d) => [d.appId, d.kind]));
  return (
    <DataTable
      label="App catalogue"
      storageKey="app-catalogue"
      className="catalogue-table"
      columns={catalogueColumns(workspaceId, editable)}
      rows={apps.map((app) => ({ ...app, departure: departed.get(app.id) ?? null }))}
      rowKey={(app) => app.id}
      csvName="app-catalogue"
    />
  );
}
