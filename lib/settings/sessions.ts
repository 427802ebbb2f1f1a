// Active sessions for Settings, newest first, a page at a time: a busy deployment has thousands.
// Keyset paging on (createdAt, id) so sign-ins arriving meanwhile never shift or repeat a page.
import type { Db } from '@/lib/db.ts';

export const SESSIONS_PAGE = 20;

export type SessionCursor = { at: Date; id: string };

/** `<ISO instant>_<uuid>`; anything else is ignored (the first page). */
export function parseSessionCursor(value: string | null | undefined): SessionCursor | null {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_([0-9a-f-]{36})$/.exec(value ?? '');
  if (!match) return null;
  const at = new Date(match[1]!);
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2]! };
}

export function sessionCursor(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.toISOString()}_${row.id}`;
}

export async function listActiveSessions(db: Db, options: { before?: string | null; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const cursor = parseSessionCursor(options.before);
  const active = { expires: { gt: now } };
  const [rows, total] = await Promise.all([
    db.session.findMany({
      where: cursor
        ? { ...active, OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }
        : active,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: SESSIONS_PAGE + 1,
      select: { id: true, createdAt: true, expires: true, user: { select: { email: true, name: true } } },
    }),
    db.session.count({ where: active }),
  ]);
  const sessions = rows.slice(0, SESSIONS_PAGE);
  return { sessions, total, nextBefore: rows.length > SESSIONS_PAGE ? sessionCursor(sessions.at(-1)!) : null };
}
