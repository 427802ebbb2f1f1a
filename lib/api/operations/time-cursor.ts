// A keyset cursor of (instant, id), for lists ordered by a timestamp with the id to break ties.
import { decodeCursor } from '../cursor.ts';
import { ApiProblem } from '../problem.ts';

export function decodeTimeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  const key = decodeCursor(cursor, 2);
  if (!key) return null;
  const [at, id] = key;
  const time = typeof at === 'string' ? new Date(at) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime()) || typeof id !== 'string')
    throw new ApiProblem('invalid-cursor', 'cursor: pass back a next_cursor this list gave, unchanged.', {
      errors: [{ field: 'query.cursor', message: 'not a cursor of this list' }],
    });
  return { at: time, id };
}

export const timeKey = (at: Date, id: string) => [at.toISOString(), id];
