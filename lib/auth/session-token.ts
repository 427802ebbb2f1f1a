// The session cookie is a bearer secret: the database keeps only its SHA-256, so someone who can read the
// Session table (a backup, a read replica, a SQL console) cannot turn a row into a working cookie.
import { createHash } from 'node:crypto';

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
