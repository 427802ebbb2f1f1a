// Strong ETags from the representation's bytes: If-None-Match on reads (304), If-Match on updates (412).
import { createHash } from 'node:crypto';

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 list matching: `*`, or any listed tag equal to `etag` (weak comparison for If-None-Match). */
export function matchesAny(header: string | null, etag: string, weak: boolean): boolean {
  if (header === null) return false;
  if (header.trim() === '*') return true;
  const strip = (tag: string) => (weak ? tag.replace(/^W\//, '') : tag);
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => (weak || !tag.startsWith('W/')) && strip(tag) === strip(etag));
}
