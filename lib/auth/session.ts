// The signed-in user, read from the database session named by the session cookie. Roles are
// derived on every request from the stored groups claim and the configured role map.
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { db } from '@/lib/db.ts';
import { hashSessionToken } from './session-token.ts';
import { samlIssuer } from './saml/current.ts';
import { parseRoleMap, parseSubjects, resolveRoles, type RoleMap } from './role-map.ts';
import type { Role } from './permissions.ts';

export const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'];

export type CurrentUser = {
  id: string;
  sessionId: string;
  subject: string;
  email: string | null;
  name: string | null;
  groups: string[];
  groupsClaim: boolean;
  roles: Role[];
};

let cachedMap: { text: string; map: RoleMap } | null = null;
function roleMap(): RoleMap {
  const text = process.env.TOLLGATE_ROLE_MAP ?? '';
  if (cachedMap?.text !== text) cachedMap = { text, map: parseRoleMap(text) };
  return cachedMap.map;
}

/** Once per request however many layouts, pages and panels ask (React's request cache; uncached elsewhere). */
export const getCurrentUser = cache(readCurrentUser);

async function readCurrentUser(): Promise<CurrentUser | null> {
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!token) return null;
  const session = await db().session.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    include: { user: true },
  });
  if (!session || session.expires <= new Date() || !session.user.subject) return null;
  // Users of the configured OIDC issuer or SAML IdP only: a user of a provider no longer configured has no session.
  const oidcIssuer = (process.env.OIDC_ISSUER ?? '').replace(/\/$/, '');
  if (session.user.issuer !== oidcIssuer && session.user.issuer !== (await samlIssuer())) return null;
  const { user } = session;
  return {
    id: user.id,
    sessionId: session.id,
    subject: user.subject!,
    email: user.email,
    name: user.name,
    groups: user.groups,
    groupsClaim: user.groupsClaim,
    roles: resolveRoles({
      groups: user.groups,
      subject: user.subject,
      roleMap: roleMap(),
      adminSubjects: parseSubjects(process.env.TOLLGATE_ADMIN_SUBJECTS),
    }),
  };
}

export async function requestContext(): Promise<{ requestId: string | null; sourceIp: string | null }> {
  const h = await headers();
  return {
    requestId: h.get('x-request-id'),
    sourceIp: h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || null,
  };
}
