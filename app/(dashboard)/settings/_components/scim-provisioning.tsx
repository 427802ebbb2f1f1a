// Settings → SCIM provisioning: the base URL for the IdP, the tokens (prefix only), create and revoke.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { formatUtc } from '@/lib/format.ts';
import type { PageContext } from '@/lib/http/workspace-page.ts';
import { createScimTokenAction, revokeScimTokenAction } from '@/lib/scim/actions.ts';
import { MAX_RESULTS } from '@/lib/scim/discovery.ts';
import { scimBaseUrl } from '@/lib/scim/http.ts';
import { MAX_SCIM_BODY } from '@/lib/scim/limits.ts';
import { SCIM_RATE_LIMIT } from '@/lib/scim/rate-limit.ts';
import { listScimTokens } from '@/lib/scim/tokens.ts';
import { currentWorkspace } from '@/lib/workspaces/current.ts';
import { ScimTokenCreate } from './scim-token-create.tsx';
import './scim-provisioning.css';

export type ScimTokenRow = {
  id: string;
  workspaceId: string;
  label: string;
  prefix: string;
  createdAt: Date;
  createdBy: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
};

/** The section as the Settings page shows it: loads its own tokens with the page's database handle (the page
 *  only says who may change them). */
export async function ScimProvisioningSection({ db, admin }: { db: PageContext['db']; admin: boolean }) {
  const [tokens, choice] = await Promise.all([listScimTokens(db), currentWorkspace()]);
  return (
    <ScimProvisioning
      baseUrl={scimBaseUrl()}
      tokens={tokens}
      workspaces={choice.all}
      admin={admin}
      currentWorkspaceId={choice.current?.id}
    />
  );
}

type Props = {
  baseUrl: string;
  tokens: ScimTokenRow[];
  workspaces: { id: string; name: string }[];
  admin: boolean;
  currentWorkspaceId?: string;
};

export function ScimProvisioning({ baseUrl, tokens, workspaces, admin, currentWorkspaceId }: Props) {
  const names = new Map(workspaces.map((w) => [w.id, w.name]));
  return (
    <section className="panel" aria-labelledby="scim-h">
      <h2 id="scim-h">SCIM provisioning</h2>
      <p className="muted">
        Your IdP (Okta, Entra ID) provisions the ChatGPT members and groups of a workspace into its roster. A token only
        ever sees its own workspace. SCIM never grants anyone a Tollgate role.
      </p>
      <dl className="facts">
        <dt>SCIM base URL</dt>
        <dd>
          <code>{baseUrl}</code>
        </dd>
        <dt>Limits</dt>
        <dd>
          Requests up to {MAX_SCIM_BODY / 1024 / 1024} MB; {SCIM_RATE_LIMIT.perSecond * 60} a minute per token (bursts
          of {SCIM_RATE_LIMIT.capacity}); pages of at most {MAX_RESULTS}.
        </dd>
      </dl>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">SCIM tokens</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Workspace</th>
              <th scope="col">Token</th>
              <th scope="col">Created (UTC)</th>
              <th scope="col">Last used (UTC)</th>
              <th scope="col">Status</th>
              {admin && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {tokens.length === 0 && (
              <tr>
                <td colSpan={admin ? 7 : 6} className="muted">
                  No SCIM token yet.
                </td>
              </tr>
            )}
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.label}</td>
                <td>{names.get(t.workspaceId) ?? t.workspaceId}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>
                  {formatUtc(t.createdAt)}
                  <div className="muted small">{t.createdBy}</div>
                </td>
                <td>{t.lastUsedAt ? formatUtc(t.lastUsedAt) : <span className="muted">never</span>}</td>
                <td>
                  {t.revokedAt ? (
                    <>
                      <span className="badge badge-muted">revoked</span>
                      <div className="muted small">
                        {formatUtc(t.revokedAt)} by {t.revokedBy}
                      </div>
                    </>
                  ) : (
                    <span className="badge">active</span>
                  )}
                </td>
                {admin && (
                  <td>
                    {!t.revokedAt && (
                      <ActionForm action={revokeScimTokenAction} label={`Revoke the SCIM token ${t.label}`}>
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button className="button button-small button-danger" type="submit">
                          Revoke
                        </button>
                      </ActionForm>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin && workspaces.length > 0 && (
        <ScimTokenCreate
          action={createScimTokenAction}
          workspaces={workspaces}
          defaultWorkspaceId={currentWorkspaceId}
        />
      )}
    </section>
  );
}
