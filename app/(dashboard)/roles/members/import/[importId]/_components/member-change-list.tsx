// What a members import would change: samples of new, changed and removed members, and what SCIM kept.
import type { MemberImportPreview } from '@/lib/roster/import/service.ts';
import type { MemberChange } from '@/lib/roster/import/diff.ts';
import { ChangedMembersTable, NewMembersTable, ScimKeptTable } from './member-tables.tsx';

const FIELD: Record<MemberChange['field'], string> = {
  name: 'name',
  workspaceRole: 'workspace role',
  status: 'status',
  groups: 'groups',
  directAgentRoles: 'direct agent roles',
};
const show = (v: string | string[] | null) =>
  v === null ? '—' : Array.isArray(v) ? (v.length ? v.join('; ') : 'none') : v;

export function MemberChangeList({ preview }: { preview: MemberImportPreview }) {
  const more = (shown: number, total: number) =>
    total > shown && (
      <p className="muted small">
        Showing the first {shown.toLocaleString('en')} of {total.toLocaleString('en')}.
      </p>
    );
  return (
    <>
      {preview.newGroups.length > 0 && (
        <section className="panel" aria-labelledby="new-groups-title">
          <h2 id="new-groups-title">Groups to create (source CSV)</h2>
          <p className="app-chips">
            {preview.newGroups.map((g) => (
              <span key={g} className="chip">
                {g}
              </span>
            ))}
          </p>
        </section>
      )}
      {preview.created.length > 0 && (
        <section className="panel" aria-labelledby="created-title">
          <h2 id="created-title">New members</h2>
          <NewMembersTable rows={preview.created} />
          {more(preview.created.length, preview.counts.created)}
        </section>
      )}
      {preview.changed.length > 0 && (
        <section className="panel" aria-labelledby="changed-title">
          <h2 id="changed-title">Changed members</h2>
          <ChangedMembersTable
            rows={preview.changed.map((c) => ({
              email: c.email,
              changes: c.changes.map((x) => ({ field: FIELD[x.field], from: show(x.from), to: show(x.to) })),
            }))}
          />
          {more(preview.changed.length, preview.counts.changed)}
        </section>
      )}
      {preview.removed.length > 0 && (
        <section className="panel" aria-labelledby="removed-title">
          <h2 id="removed-title">Not in this export (marked removed)</h2>
          <p className="app-chips">
            {preview.removed.map((m) => (
              <span key={m.email} className="chip">
                {m.email}
              </span>
            ))}
          </p>
          {more(preview.removed.length, preview.counts.removed)}
        </section>
      )}
      {preview.scimKept.length > 0 && (
        <section className="panel" aria-labelledby="scim-kept-title">
          <h2 id="scim-kept-title">Kept from SCIM</h2>
          <p className="muted small">
            The IdP provisions these members: their name, status and groups stay as SCIM sent them, whatever the export
            says.
          </p>
          <ScimKeptTable
            rows={preview.scimKept.map((k) => ({ email: k.email, fields: k.fields.map((f) => FIELD[f]).join(', ') }))}
          />
          {more(preview.scimKept.length, preview.counts.scimKept)}
        </section>
      )}
    </>
  );
}
