// "Platform actions" on an agent's or GPT's page: what Tollgate asked the platform to do to it, and the request
// forms (platform:act) — Unpublish / Delete for a workspace agent; Isolate / Delete / Delete a knowledge file for a
// GPT. Without an act key the forms are replaced by why and what to do (docs/decisions/0026).
import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { can, type Role } from '@/lib/auth/permissions.ts';
import type { PageContext } from '@/lib/http/workspace-page.ts';
import { requestPlatformAction } from '@/lib/platform/page-actions.ts';
import { type ActionTargetInfo, actionTargetInfo, hasActKey, targetActions } from '@/lib/platform/queries.ts';
import { ActionsTable } from '@/app/(dashboard)/actions/_components/actions-table.tsx';
import { toTableRow } from '@/app/(dashboard)/actions/_components/rows.ts';
import '@/app/(dashboard)/actions/actions.css';

type Props = { db: PageContext['db']; workspaceId: string; roles: readonly Role[]; agentId: string };

const SECOND_PERSON = 'needs a second person with platform:approve (admin or CISO) before it is sent';

export async function PlatformActionsCard({ db, workspaceId, roles, agentId }: Props) {
  if (!can(roles, 'platform:read')) return null;
  const info = await actionTargetInfo(db, workspaceId, agentId);
  if (!info) return null;
  const [rows, actKey] = await Promise.all([
    targetActions(db, workspaceId, { agentId: info.id, targetId: info.externalId }),
    hasActKey(db, workspaceId),
  ]);
  const gpt = info.kind === 'custom_gpt';
  const what = gpt ? 'GPT' : 'agent';

  return (
    <section className="panel" aria-labelledby="platform-actions-title">
      <h2 id="platform-actions-title">Platform actions</h2>
      {rows.length === 0 ? (
        <p className="muted">No platform action on this {what} yet.</p>
      ) : (
        <ActionsTable rows={rows.map(toTableRow)} forTarget />
      )}
      <p className="small">
        <Link href={`/actions?q=${encodeURIComponent(info.externalId)}`}>All its actions on the Actions page</Link>.
      </p>
      <RequestPart info={info} workspaceId={workspaceId} mayAct={can(roles, 'platform:act')} actKey={actKey} />
    </section>
  );
}

function RequestPart({
  info,
  workspaceId,
  mayAct,
  actKey,
}: {
  info: ActionTargetInfo;
  workspaceId: string;
  mayAct: boolean;
  actKey: boolean;
}) {
  const gpt = info.kind === 'custom_gpt';
  if (!mayAct)
    return (
      <p className="small muted">Requesting an action needs platform:act (reviewer, admin or incident commander).</p>
    );
  if (!actKey)
    return (
      <div className="alert alert-warning" role="note">
        <strong>{gpt ? 'Isolate and delete' : 'Unpublish and delete'} are not offered:</strong> no act key is stored for
        this workspace, so Tollgate cannot act on the platform. An admin adds one (a key with the delete/act scope,
        apart from the read key) in <Link href="/alerts/sources">Alerts → Sources</Link>; until then make the change in
        the admin console{gpt ? '' : ' (Suspend above shows the steps)'}.
      </div>
    );
  if (info.status === 'deleted') return <p className="small muted">Deleted: there is nothing left to act on.</p>;
  const ids = (
    <>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="agentId" value={info.id} />
    </>
  );
  const reason = (
    <label>
      Reason (required)
      <textarea name="reason" rows={2} cols={50} maxLength={2000} required placeholder="The signal and the ticket" />
    </label>
  );
  return (
    <div className="request-forms">
      <p className="small muted">
        {gpt
          ? 'Isolate removes all sharing and is sent at once (it can be undone in ChatGPT). Deleting the GPT or ' +
            `one of its knowledge files ${SECOND_PERSON}.`
          : 'Unpublish is sent at once (the agent can be published again in the admin console). ' +
            `Delete ${SECOND_PERSON}.`}
      </p>
      <ActionForm action={requestPlatformAction} className="inline-form" label={`Act on this ${gpt ? 'GPT' : 'agent'}`}>
        {ids}
        {reason}
        {gpt ? (
          <>
            <button className="button" type="submit" name="kind" value="isolate_gpt">
              Isolate (remove all sharing)
            </button>
            <button className="button button-danger" type="submit" name="kind" value="delete_gpt">
              Delete GPT
            </button>
          </>
        ) : (
          <>
            <button className="button" type="submit" name="kind" value="unpublish_agent">
              Unpublish
            </button>
            <button className="button button-danger" type="submit" name="kind" value="delete_agent">
              Delete agent
            </button>
          </>
        )}
      </ActionForm>
      {gpt && info.files.length > 0 && (
        <ActionForm action={requestPlatformAction} className="inline-form" label="Delete a knowledge file">
          {ids}
          <input type="hidden" name="kind" value="delete_gpt_file" />
          <label>
            Knowledge file
            <select name="fileId" required defaultValue="">
              <option value="" disabled>
                Choose a file
              </option>
              {info.files.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          {reason}
          <button className="button button-danger" type="submit">
            Delete file
          </button>
        </ActionForm>
      )}
    </div>
  );
}
