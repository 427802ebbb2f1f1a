// Cursor pages as the platform's list routes answer them: `after` = the id of the previous page's last item,
// `{object: 'list', data, has_more, last_id}`.
import { MAX_PAGE_LIMIT } from '@/lib/gpts/platform/definition.ts';
import type { Json } from './source.ts';

export function pageLimit(value: string | null, fallback: number): number | null {
  if (value === null) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= MAX_PAGE_LIMIT ? n : null;
}

export type Pageable = {
  count: number;
  idAt(i: number): string;
  indexOf?(id: string): number;
  /** An item the list no longer shows (a deleted GPT); its id still works as a cursor. */
  gone?(i: number): boolean;
  item(i: number): unknown;
};

/** `after` is the id of the last item of the previous page; null when it is no item's id. */
export function pageOf(list: Pageable, after: string | null, limit: number) {
  let start = 0;
  if (after !== null) {
    // The GPT list finds its cursor by id without scanning when the source can (indexOf); other lists scan.
    const at = findIndex(list, after);
    if (at < 0) return null;
    start = at + 1;
  }
  const data: unknown[] = [];
  let i = start;
  let last: string | null = null;
  for (; i < list.count && data.length < limit; i++) {
    if (list.gone?.(i)) continue;
    data.push(list.item(i));
    last = list.idAt(i);
  }
  while (i < list.count && list.gone?.(i)) i++;
  return { object: 'list', data, has_more: i < list.count, last_id: last };
}

function findIndex(list: Pageable, id: string): number {
  if (list.indexOf) return list.indexOf(id);
  for (let i = 0; i < list.count; i++) if (list.idAt(i) === id) return i;
  return -1;
}

export function pageOfList(items: Json[], after: string | null, limit: number) {
  return pageOf({ count: items.length, idAt: (i) => String(items[i]!.id), item: (i) => items[i] }, after, limit);
}
