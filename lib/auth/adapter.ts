// Auth.js adapter over Prisma. Users are keyed by (issuer, subject): never matched by email, and a
// user of another issuer (e.g. the demo provider after a real one is configured) has no session.
import type { Adapter, AdapterSession, AdapterUser } from 'next-auth/adapters';
import type { Db } from '@/lib/db.ts';
import { hashSessionToken } from './session-token.ts';

type UserRow = { id: string; email: string | null; name: string | null; issuer: string | null };

function toAdapterUser(u: UserRow): AdapterUser {
  return { id: u.id, email: u.email ?? '', emailVerified: null, name: u.name };
}

export function tollgateAdapter(db: Db, currentIssuer: () => string): Adapter {
  return {
    // Two first sign-ins of one person at once both find no user: keyed by (issuer, subject), the second
    // gets the first's row instead of a duplicate that linkAccount would then refuse.
    async createUser(user) {
      const subject = (user as { subject?: unknown }).subject;
      const data = { email: user.email || null, name: user.name ?? null };
      if (typeof subject !== 'string' || !subject) return toAdapterUser(await db.user.create({ data }));
      const key = { issuer: currentIssuer(), subject };
      try {
        return toAdapterUser(
          await db.user.upsert({ where: { issuer_subject: key }, create: { ...data, ...key }, update: {} }),
        );
      } catch (error) {
        if ((error as { code?: string }).code !== 'P2002') throw error;
        return toAdapterUser(await db.user.findUniqueOrThrow({ where: { issuer_subject: key } }));
      }
    },
    async getUser(id) {
      const row = await db.user.findUnique({ where: { id } });
      return row && row.issuer === currentIssuer() ? toAdapterUser(row) : null;
    },
    // Email is never an identity key: returning null makes Auth.js create or find users by account only.
    async getUserByEmail() {
      return null;
    },
    async getUserByAccount({ providerAccountId }) {
      const row = await db.user.findUnique({
        where: { issuer_subject: { issuer: currentIssuer(), subject: providerAccountId } },
      });
      return row ? toAdapterUser(row) : null;
    },
    async updateUser(user) {
      const row = await db.user.update({
        where: { id: user.id },
        data: { name: user.name ?? undefined, email: user.email ?? undefined },
      });
      return toAdapterUser(row);
    },
    async linkAccount(account) {
      const row = await db.user.findUniqueOrThrow({ where: { id: account.userId } });
      if (row.subject && (row.subject !== account.providerAccountId || row.issuer !== currentIssuer())) {
        throw new Error('refusing to link a second identity to a Tollgate user');
      }
      await db.user.update({
        where: { id: account.userId },
        data: { issuer: currentIssuer(), subject: account.providerAccountId },
      });
    },
    // Auth.js hands over and asks back the cookie value; only its hash is stored and looked up.
    async createSession(session) {
      const row = await db.session.create({
        data: { tokenHash: hashSessionToken(session.sessionToken), userId: session.userId, expires: session.expires },
      });
      return { sessionToken: session.sessionToken, userId: row.userId, expires: row.expires };
    },
    async getSessionAndUser(sessionToken) {
      const row = await db.session.findUnique({
        where: { tokenHash: hashSessionToken(sessionToken) },
        include: { user: true },
      });
      if (!row || row.user.issuer !== currentIssuer()) return null;
      const session: AdapterSession = { sessionToken, userId: row.userId, expires: row.expires };
      return { session, user: toAdapterUser(row.user) };
    },
    async updateSession(session) {
      const row = await db.session
        .update({ where: { tokenHash: hashSessionToken(session.sessionToken) }, data: { expires: session.expires } })
        .catch(() => null);
      return row && { sessionToken: session.sessionToken, userId: row.userId, expires: row.expires };
    },
    async deleteSession(sessionToken) {
      await db.session.deleteMany({ where: { tokenHash: hashSessionToken(sessionToken) } });
    },
  };
}
