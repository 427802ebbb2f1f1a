// Opaque keyset cursors: the last row's sort key, base64url JSON. Keyset (not offset) pagination is stable under
// concurrent inserts: a page never repeats or skips a row that existed when the walk began.
import { z } from 'zod';
import { ApiProblem } from './problem.ts';

const Key = z
  .array(z.union([z.string().max(512), z.number()]))
  .min(1)
  .max(4);

export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): (string | number)[] | null {
  if (cursor === undefined) return null;
  try {
    if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('shape');
    const key = Key.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (key.length !== length) throw new Error('length');
    return key;
  } catch {
    throw new ApiProblem('invalid-cursor', 'cursor: pass back a next_cursor this list gave, unchanged.', {
      errors: [{ field: 'query.cursor', message: 'not a cursor of this list' }],
    });
  }
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

/** The list parameters every list operation takes. */
export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(DEFAULT_LIMIT)
    .meta({ description: `Items per page, 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT}).` }),
  cursor: z.string().optional().meta({ description: 'The next_cursor of the previous page.' }),
};

/** `{data, next_cursor}` of a list; `next_cursor` is null on the last page. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}

/** The page from `rows` fetched with `take: limit + 1`: the extra row only says whether another page exists. */
export function pageOf<R, T>(rows: R[], limit: number, key: (row: R) => (string | number)[], show: (row: R) => T) {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { data: page.map(show), next_cursor: more ? encodeCursor(key(page.at(-1)!)) : null };
}
