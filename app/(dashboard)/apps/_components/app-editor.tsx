// Add or edit a catalogue entry (admins). Actions: one per line, `name | read|write | send|internal | category`.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { saveAppAction } from '@/lib/apps/actions.ts';
import { formatActionLines } from '@/lib/apps/action-lines.ts';
import { LEGS, LEG_LABELS } from '@/lib/apps/legs.ts';
import type { CatalogueApp } from '@/lib/apps/types.ts';

export function AppEditor({ workspaceId, app, isNew }: { workspaceId: string; app: CatalogueApp; isNew: boolean }) {
  return (
    <section className="panel" id="editor" aria-labelledby="editor-title">
      <h2 id="editor-title">{isNew ? `Classify ${app.id || 'a new app'}` : `Edit ${app.name}`}</h2>
      <ActionForm action={saveAppAction} className="editor-form" label="App entry">
        <input type="hidden" name="workspaceId" value={workspaceId} />
        {!isNew && <input type="hidden" name="originalId" value={app.id} />}
        <label>
          Id <input name="id" defaultValue={app.id} required placeholder="e.g. zapier or mcp:acme-crm" />
        </label>
        <label>
          Display name <input name="name" defaultValue={app.name} required />
        </label>
        <label className="wide">
          Aliases (comma-separated; matched as whole names, ignoring case, spaces, _ and -){' '}
          <input name="aliases" defaultValue={app.aliases.join(', ')} />
        </label>
        <fieldset className="wide">
          <legend>Legs</legend>
          {LEGS.map((leg) => (
            <label key={leg} className="check">
              <input type="checkbox" name="legs" value={leg} defaultChecked={app.legs.includes(leg)} />{' '}
              {LEG_LABELS[leg]}
            </label>
          ))}
        </fieldset>
        <label className="wide">
          Actions, one per line: <code>name | read|write | send|internal | approval category</code>
          <textarea name="actions" rows={6} defaultValue={formatActionLines(app.actions)} spellCheck={false} />
        </label>
        <div className="wide">
          <button className="button button-primary" type="submit">
            Save entry
          </button>{' '}
          <a className="button" href="/apps">
            Cancel
          </a>
        </div>
      </ActionForm>
    </section>
  );
}
