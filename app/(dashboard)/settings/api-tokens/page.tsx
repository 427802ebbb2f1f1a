// Settings → API tokens: every signed-in user manages their own tokens for the REST API (docs/decisions/0028);
// an admin (sessions:manage) sees everyone's and may revoke any.
import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { MAX_TOKEN_DAYS, OWNER_IDLE_DAYS } from '@/lib/api/tokens.ts';
import { listApiTokens } from '@/lib/api/token-queries.ts';
import { createApiTokenAction } from '@/lib/api-tokens/actions.ts';
import { ALL_WORKSPACES, DEFAULT_EXPIRY, EXPIRY_CHOICES, grantableRoles } from '@/lib/api-tokens/form.ts';
import { can, ROLE_LABELS } from '@/lib/auth/permissions.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { listWorkspaces } from '@/lib/workspaces/service.ts';
import { ApiTokenCreate } from './_components/api-token-create.tsx';
import { type ApiTokenRow, ApiTokenTable } from './_components/api-token-table.tsx';
import './api-tokens.css';

export const metadata: Metadata = { title: 'API tokens' };

export default async function ApiTokensPage() {
  const { actor, db, workspace } = await workspacePage('api-tokens:manage');
  const everyone = can(actor.roles, 'sessions:manage');
  const [tokens, workspaces] = await Promise.all([
    listApiTokens(db, everyone ? {} : { ownerId: actor.id }),
    listWorkspaces(db),
  ]);
  const names = new Map(workspaces.map((w) => [w.id, w.name]));
  const now = Date.now();
  const rows: ApiTokenRow[] = tokens.map((t) => ({
    id: t.id,
    label: t.label,
    prefix: t.prefix,
    role: t.role,
    workspace: t.workspaceId ? (names.get(t.workspaceId) ?? t.workspaceId) : null,
    owner: t.owner.email ?? t.owner.subject ?? t.owner.id,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    lastUsedIp: t.lastUsedIp,
    revokedAt: t.revokedAt,
    revokedBy: t.revokedBy,
    expired: t.expiresAt.getTime() <= now,
  }));
  const offered = grantableRoles(actor.roles);
  const roles = offered.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  // Least privilege first: read-only when the user may give it.
  const defaultRole = offered.includes('auditor') ? 'auditor' : offered[0];
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Bearer tokens for the REST API under /api/v1: one role and one workspace or all."
      />
      <section className="panel" aria-labelledby="tokens-h">
        <h2 id="tokens-h">{everyone ? 'Every user’s tokens' : 'Your tokens'}</h2>
        <p className="muted">
          A token acts as you, with one of your roles (never more than you hold), for at most {MAX_TOKEN_DAYS} days. It
          stops working when you lose that role or have not signed in for {OWNER_IDLE_DAYS} days. The{' '}
          <Link href="/api-docs">API reference</Link> lists every operation and the permission it needs.
        </p>
        <ApiTokenTable rows={rows} everyone={everyone} />
        <h3>New token</h3>
        <ApiTokenCreate
          action={createApiTokenAction}
          roles={roles}
          defaultRole={defaultRole}
          workspaces={workspaces.map((w) => ({ id: w.id, name: w.name }))}
          expiries={EXPIRY_CHOICES}
          defaultExpiry={DEFAULT_EXPIRY}
          allWorkspaces={ALL_WORKSPACES}
          defaultWorkspaceId={workspace?.id}
        />
      </section>
    </>
  );
}
