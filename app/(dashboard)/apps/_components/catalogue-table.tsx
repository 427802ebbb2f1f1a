// The catalogue: each app's names, legs and actions (read/write, external send, approval category).
import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { removeAppAction } from '@/lib/apps/actions.ts';
import { LEGS } from '@/lib/apps/legs.ts';
import type { CatalogueApp } from '@/lib/apps/types.ts';
import type { Departure } from '@/lib/apps/departures.ts';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

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
  const departed = new Map(departures.map((d) => [d.appId, d]));
  return (
    <ScrollRegion label="App catalogue">
      <table className="table catalogue-table">
        <thead>
          <tr>
            <th>App</th>
            <th>Aliases</th>
            {LEGS.map((l) => (
              <th key={l} className="leg-col">
                {l === 'private_data'
                  ? 'Private data'
                  : l === 'untrusted_content'
                    ? 'Untrusted content'
                    : 'External send'}
              </th>
            ))}
            <th>Actions</th>
            {editable && (
              <th>
                <span className="visually-hidden">Edit</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {apps.map((app) => (
            <tr key={app.id}>
              <td>
                <strong>{app.name}</strong>
                <div className="mono small muted">{app.id}</div>
                {departed.has(app.id) && (
                  <span className="tag tag-warn">
                    {departed.get(app.id)!.kind === 'added' ? 'not in the guide' : 'differs from the guide'}
                  </span>
                )}
              </td>
              <td className="small">{app.aliases.join(', ') || '—'}</td>
              {LEGS.map((l) => (
                <td key={l} className="leg-col">
                  {app.legs.includes(l) ? (
                    <span className={`leg-dot lit leg-${l}`} role="img" aria-label="yes">
                      {l === 'private_data' ? 'P' : l === 'untrusted_content' ? 'U' : 'S'}
                    </span>
                  ) : (
                    <span className="muted" role="img" aria-label="no">
                      ·
                    </span>
                  )}
                </td>
              ))}
              <td className="small">
                {app.actions.length === 0
                  ? '—'
                  : app.actions.map((a) => (
                      <span
                        key={a.name}
                        className={
                          a.externalSend ? 'chip chip-send' : a.access === 'write' ? 'chip chip-write' : 'chip'
                        }
                        title={`${a.access}${a.externalSend ? ', sends outside the organisation' : ''}${a.approvalCategory ? `, approval category ${a.approvalCategory}` : ''}`}
                      >
                        {a.name}
                        {a.approvalCategory ? ` · ${a.approvalCategory}` : ''}
                      </span>
                    ))}
              </td>
              {editable && (
                <td className="nowrap row-actions">
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
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
