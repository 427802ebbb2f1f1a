// `tollgate api-token create|list|revoke`: REST API tokens for scripts. The CLI has no signed-in user, so --owner
// names the dashboard user the token acts for; it must hold the role and have signed in lately, or the token would
// be refused on its first call — better refused here, with the reason. create prints the token alone on stdout.
import { OWNER_IDLE_DAYS, parseExpiry, revokeApiToken, rolesCover, createApiToken } from '@/lib/api/tokens.ts';
import { listApiTokens } from '@/lib/api/token-queries.ts';
import { findUsersByEmailOrSubject } from '@/lib/api-tokens/queries.ts';
import { isRole, ROLES } from '@/lib/auth/permissions.ts';
import { samlConfigured } from '@/lib/auth/saml/config.ts';
import { userRoles } from '@/lib/auth/user-roles.ts';
import { DEMO_ROLE_MAP } from '@/lib/demo-idp/users.ts';
import type { Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';
import { cliActor } from './file-import.ts';

const DAY = 86_400_000;

export type ApiTokenCreateOptions = {
  json: boolean;
  role: string;
  workspace: string;
  owner: string;
  expires?: string;
  label?: string;
};

/** Roles as the dashboard reads them: a demo install (neither OIDC nor SAML configured) maps the demo's groups
 *  without TOLLGATE_ROLE_MAP, as `npm start` does (lib/runtime/config.ts). */
function applyDashboardRoleMap(env = process.env): void {
  if (env.TOLLGATE_ROLE_MAP === undefined && !env.OIDC_ISSUER?.trim() && !samlConfigured(env))
    env.TOLLGATE_ROLE_MAP = DEMO_ROLE_MAP;
}

async function tokenOwner(db: Db, ref: string, role: string) {
  applyDashboardRoleMap();
  const users = await findUsersByEmailOrSubject(db, ref);
  if (users.length === 0) throw new AppError('not_found', `No dashboard user with email or subject "${ref}".`);
  if (users.length > 1)
    throw new AppError('unprocessable', `Several users match "${ref}": name the owner by their IdP subject.`);
  const user = users[0]!;
  const name = user.email ?? user.subject ?? user.id;
  if (!user.lastSignInAt || user.lastSignInAt.getTime() < Date.now() - OWNER_IDLE_DAYS * DAY)
    throw new AppError(
      'unprocessable',
      `${name} has not signed in to Tollgate for ${OWNER_IDLE_DAYS} days: a token of theirs would be refused. ` +
        'They sign in once, then create the token again.',
    );
  const roles = userRoles(user);
  if (!isRole(role) || !rolesCover(roles, role))
    throw new AppError(
      'forbidden',
      `${name} does not hold the ${role} role (their roles: ${roles.join(', ') || 'none'}); ` +
        'a token cannot carry more than its owner.',
    );
  return { id: user.id, roles, name };
}

export async function apiTokenCreateCommand(options: ApiTokenCreateOptions): Promise<number> {
  if (!isRole(options.role)) {
    console.error(`tollgate api-token create: --role: one of ${ROLES.join(', ')}.`);
    return 2;
  }
  let days: number;
  try {
    days = parseExpiry(options.expires ?? '90d');
  } catch (error) {
    console.error(`tollgate api-token create: --expires: ${(error as Error).message}`);
    return 2;
  }
  return withDatabase(async ({ db }) => {
    const owner = await tokenOwner(db, options.owner, options.role);
    const workspaceId = options.workspace === 'all' ? null : (await resolveWorkspace(db, options.workspace)).id;
    const created = await createApiToken(db, cliActor(), owner, {
      role: options.role,
      workspaceId,
      label: options.label ?? `CLI token of ${owner.name}`,
      days,
    });
    if (options.json) {
      console.log(
        JSON.stringify({
          id: created.id,
          label: created.label,
          prefix: created.prefix,
          role: created.role,
          workspace: created.workspaceId,
          owner: owner.name,
          expires_at: created.expiresAt.toISOString(),
          token: created.token,
        }),
      );
    } else {
      console.log(created.token);
      console.error(
        `API token "${created.label}" (${created.prefix}…) of ${owner.name}: role ${created.role}, ` +
          `${workspaceId ? `workspace ${workspaceId}` : 'all workspaces'}, expires ` +
          `${created.expiresAt.toISOString().slice(0, 10)}. It is shown only now.`,
      );
    }
    return 0;
  });
}

export async function apiTokenListCommand(options: { json: boolean }): Promise<number> {
  return withDatabase(async ({ db }) => {
    const now = Date.now();
    const rows = (await listApiTokens(db)).map((t) => ({
      id: t.id,
      label: t.label,
      prefix: t.prefix,
      role: t.role,
      workspace: t.workspaceId,
      owner: t.owner.email ?? t.owner.subject ?? t.owner.id,
      created_at: t.createdAt.toISOString(),
      expires_at: t.expiresAt.toISOString(),
      last_used_at: t.lastUsedAt?.toISOString() ?? null,
      last_used_ip: t.lastUsedIp,
      status: t.revokedAt ? 'revoked' : t.expiresAt.getTime() <= now ? 'expired' : 'active',
    }));
    if (options.json) console.log(JSON.stringify(rows));
    else if (rows.length === 0) console.log('No API tokens.');
    else
      for (const r of rows)
        console.log(
          [r.id, r.status, `${r.prefix}…`, r.role, r.workspace ?? 'all', r.owner, r.expires_at, r.label].join('\t'),
        );
    return 0;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function apiTokenRevokeCommand(options: { id: string; json: boolean }): Promise<number> {
  if (!UUID.test(options.id)) {
    console.error(`tollgate api-token revoke: "${options.id}" is not a token id (see \`tollgate api-token list\`).`);
    return 2;
  }
  return withDatabase(async ({ db }) => {
    // The CLI runs with the database's own rights, as an admin would: any token may be revoked.
    const revoked = await revokeApiToken(db, cliActor(), options.id, true);
    if (options.json) console.log(JSON.stringify({ id: options.id, label: revoked.label, prefix: revoked.prefix }));
    else console.error(`API token "${revoked.label}" (${revoked.prefix}…) revoked: calls with it now answer 401.`);
    return 0;
  });
}
