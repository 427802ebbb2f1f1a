// Preconditions of a SCIM write (RFC 7644 §3.14): ServiceProviderConfig advertises ETags, so an If-Match that
// names a version other than the stored one is refused with 412 instead of overwriting a newer change.
import { textProblem } from '@/lib/http/safe-json.ts';
import { notFound, ScimError } from './errors.ts';
import { etag } from './user-mapping.ts';

/** `W/"3"` and `"3"` name the same version (Tollgate's ETags are weak); `*` matches any. */
export function assertIfMatch(header: string | null, version: number): void {
  if (header === null || header.trim() === '') return;
  const wanted = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  const current = etag(version);
  if (wanted.includes('*') || wanted.includes(current.replace(/^W\//, ''))) return;
  throw new ScimError(
    412,
    `The resource has changed since ${header.trim()}: its version is now ${current}. Read it again and retry.`,
  );
}

/** An id from the URL that PostgreSQL could not even compare (NUL, lone surrogate) names nothing: 404. */
export function assertUsableId(id: string, what: string): void {
  if (textProblem(id) !== null || id.length > 200) throw notFound(what);
}
