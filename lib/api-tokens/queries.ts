// Reads for API tokens made without a session (the CLI): who a named owner is, with what their token needs to work.
import type { Db } from '@/lib/db.ts';
import { equalsIgnoringCase } from '@/lib/db/text-match.ts';

/** Users whose email or IdP subject is `ref` (several when two IdPs share an email: the caller refuses that). */
export async function findUsersByEmailOrSubject(db: Db, ref: string) {
  return db.user.findMany({
    where: { OR: [{ email: equalsIgnoringCase(ref) }, { subject: ref }] },
    select: { id: true, issuer: true, subject: true, email: true, groups: true, lastSignInAt: true },
    take: 5,
  });
}
