// Settings → SCIM provisioning: the base URL for the IdP, the tokens (prefix only), create and revoke.
import type { PageContext } from '@/lib/http/workspace-page.ts';
import { createScimTokenAction } from '@/lib/scim/actions.ts';
import { MAX_RESULTS } from '@/lib/scim/discovery.ts';
import { scimBaseUrl } from '@/lib/scim/http.ts';
import { MAX_SCIM_BODY } from '@/lib/scim/limits.ts';
import { SCIM_RATE_LIMIT } from '@/lib/scim/rate-limit.ts';
import { listScimTokens } from '@/lib/scim/tokens.ts';
import { currentWorkspace } from '@/lib/workspaces/current.ts';
import { ScimTokenCreate } from './scim-token-create.tsx';
import { type ScimTokenRow, ScimTokenTable } from './scim-token-table.tsx';
import './scim-provisioning.css';

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
  tokens: Omit<ScimTokenRow, 'workspace'>[];
  workspaces: { id: string; name: string }[];
  admin: boolean;
  currentWorkspaceId?: string;
};

export function ScimProvisioning({ baseUrl, tokens, workspaces, admin, currentWorkspaceId }: Props) {
  const names = new Map(workspaces.map((w) => [w.id, w.name]));
  const rows = tokens.map((t) => ({ ...t, workspace: names.get(t.workspaceId) ?? t.workspaceId }));
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
      <ScimTokenTable rows={rows} admin={admin} />
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
