import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { parseRoleMap } from '@/lib/auth/role-map.ts';
import { recentAuditSignatures } from '@/lib/audit/queries.ts';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { formatUtc } from '@/lib/format.ts';
import { resolveDataDir } from '@/lib/runtime/data-dir.ts';
import { createWorkspaceAction, signAuditHeadAction } from '@/lib/settings/actions.ts';
import { listWorkspaces } from '@/lib/workspaces/service.ts';
import { listActiveSessions } from '@/lib/settings/sessions.ts';
import { SessionPager } from './_components/session-pager.tsx';
import { ScimProvisioningSection } from './_components/scim-provisioning.tsx';
import { SessionsTable, WorkspacesTable } from './_components/settings-tables.tsx';

export const metadata: Metadata = { title: 'Settings' };

const DEMO_IDP = 'Demo identity provider (loopback only)';
const SIGNED_WHEN =
  'The audit chain head is signed with this Ed25519 key at start, at least daily and on every export.';

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor: user, db } = await workspacePage('settings:read');
  const admin = can(user.roles, 'settings:write');
  const manageSessions = can(user.roles, 'sessions:manage');
  const key = loadSigningKey(resolveDataDir());
  const before = (await searchParams).sessionsBefore;
  const [workspaces, signatures, sessionPage] = await Promise.all([
    listWorkspaces(db),
    recentAuditSignatures(db),
    manageSessions
      ? listActiveSessions(db, { before: typeof before === 'string' ? before : null })
      : Promise.resolve(null),
  ]);
  const roleMap = [...parseRoleMap(process.env.TOLLGATE_ROLE_MAP)];
  return (
    <>
      <PageHeader title="Settings" description="Workspaces, sign-in, sessions and the audit signing key." />

      <section className="panel" aria-labelledby="ws-h">
        <h2 id="ws-h">Workspaces</h2>
        <WorkspacesTable rows={workspaces} />
        {admin && (
          <ActionForm action={createWorkspaceAction} className="inline-form" label="Add a workspace">
            <label>
              Id <input name="id" required pattern="[a-z0-9][a-z0-9-]{1,62}" placeholder="ws-emea" />
            </label>
            <label>
              Name <input name="name" required placeholder="Acme EMEA" />
            </label>
            <label>
              Kind
              <select name="kind" defaultValue="workspace">
                <option value="workspace">workspace</option>
                <option value="organization">organization</option>
              </select>
            </label>
            <label>
              Principal <input name="principal" placeholder="workspace id or org-…" />
            </label>
            <button className="button button-primary" type="submit">
              Add workspace
            </button>
          </ActionForm>
        )}
      </section>

      <ScimProvisioningSection db={db} admin={admin} />

      <section className="panel" aria-labelledby="hooks-h">
        <h2 id="hooks-h">Webhooks</h2>
        <p>
          Signed events (alerts, findings, CAB exceptions, reviews, platform actions) sent to your receivers, with each
          subscription's delivery log: <Link href="/settings/webhooks">Webhooks →</Link>
        </p>
      </section>

      <section className="panel" aria-labelledby="idp-h">
        <h2 id="idp-h">Sign-in</h2>
        <dl className="facts">
          <dt>Identity provider</dt>
          <dd>
            {process.env.TOLLGATE_DEMO_MODE === '1' ? DEMO_IDP : 'OpenID Connect'} —{' '}
            <code>{process.env.OIDC_ISSUER}</code>
          </dd>
          <dt>Role mapping</dt>
          <dd>
            {roleMap.length === 0 ? (
              <span className="muted">No groups mapped (TOLLGATE_ROLE_MAP is empty).</span>
            ) : (
              <ul className="plain-list">
                {roleMap.map(([group, roles]) => (
                  <li key={group}>
                    <code>{group}</code> → {roles.join(', ')}
                  </li>
                ))}
              </ul>
            )}
            <p className="muted small">
              Set in configuration (TOLLGATE_ROLE_MAP, TOLLGATE_ADMIN_SUBJECTS), never in this UI.
            </p>
          </dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="key-h">
        <h2 id="key-h">Audit signing key</h2>
        <p className="muted">
          {SIGNED_WHEN} Verify with <code>tollgate audit verify</code>.
        </p>
        <dl className="facts">
          <dt>Fingerprint</dt>
          <dd>
            <code>{key.keyId}</code>
          </dd>
          <dt>Public key</dt>
          <dd>
            <pre className="key">{key.publicKeyPem}</pre>
          </dd>
          <dt>Recent signatures</dt>
          <dd>
            <ul className="plain-list">
              {signatures.map((s) => (
                <li key={s.id}>
                  #{s.seq.toString()} · {formatUtc(s.signedAt)} · {s.reason}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
        {admin && (
          <ActionForm action={signAuditHeadAction} label="Sign the audit chain head now">
            <button className="button" type="submit">
              Sign the chain head now
            </button>
          </ActionForm>
        )}
      </section>

      {sessionPage && (
        <section className="panel" aria-labelledby="sessions-h">
          <h2 id="sessions-h">Active sessions</h2>
          <p className="muted small">{sessionPage.total.toLocaleString('en')} active, newest first.</p>
          <SessionsTable rows={sessionPage.sessions.map((s) => ({ ...s, current: s.id === user.sessionId }))} />
          <SessionPager first={Boolean(before)} nextBefore={sessionPage.nextBefore} />
        </section>
      )}
    </>
  );
}
