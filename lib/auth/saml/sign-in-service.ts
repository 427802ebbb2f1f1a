// Signs a verified SAML identity in: the user keyed by (issuer = IdP entityID, subject = persistent NameID), groups
// re-read at every sign-in (roles follow the IdP), the sign-in audited, and a database session in the same Session
// table Auth.js uses, so session.ts, sign-out and an admin's revocation treat it like any other.
import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { hashSessionToken } from '@/lib/auth/session-token.ts';
import type { SamlIdentity } from './verify.ts';

/** The same lifetime as Auth.js's database sessions (auth.ts). */
export const SESSION_MAX_AGE_S = 8 * 3600;

export async function signInSamlUser(
  db: Db,
  identity: SamlIdentity,
  context: { requestId: string | null; sourceIp: string | null },
): Promise<{ token: string; expires: Date; userId: string }> {
  const userId = await findOrCreateUser(db, identity);
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(Date.now() + SESSION_MAX_AGE_S * 1000);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: {
        groups: identity.groups ?? [],
        groupsClaim: identity.groups !== null,
        email: identity.email ?? undefined,
        name: identity.name ?? undefined,
        lastSignInAt: new Date(),
      },
    });
    await recordAudit(
      tx,
      { id: userId, label: identity.email ?? identity.subject, role: null, ...context },
      {
        action: 'auth.sign_in',
        targetType: 'user',
        targetId: userId,
        diff: { method: 'saml', groups: identity.groups },
      },
    );
    await tx.session.create({ data: { tokenHash: hashSessionToken(token), userId, expires } });
  });
  return { token, expires, userId };
}

// Two first sign-ins of one person at once: the second gets the first's row instead of a duplicate.
async function findOrCreateUser(db: Db, identity: SamlIdentity): Promise<string> {
  const key = { issuer: identity.issuer, subject: identity.subject };
  try {
    const row = await db.user.upsert({
      where: { issuer_subject: key },
      create: { ...key, email: identity.email, name: identity.name },
      update: {},
      select: { id: true },
    });
    return row.id;
  } catch (error) {
    if ((error as { code?: string }).code !== 'P2002') throw error;
    return (await db.user.findUniqueOrThrow({ where: { issuer_subject: key }, select: { id: true } })).id;
  }
}
