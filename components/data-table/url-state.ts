// A data table's view in the URL: sort, direction and page live in search params, so the server component
// reads them and queries accordingly, and a view can be shared or reloaded. Pure: no Next, no Prisma.

export type SortDir = 'asc' | 'desc';
export type TableSort = { key: string; dir: SortDir };
export type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The sort in the URL when it names one of `keys`; otherwise none (the list keeps its own order). */
export function parseSort(params: SearchParams, keys: readonly string[]): TableSort | null {
  const key = first(params.sort);
  if (!key || !keys.includes(key)) return null;
  return { key, dir: first(params.dir) === 'desc' ? 'desc' : 'asc' };
}

/** A 1-based page number from the URL; anything malformed is page 1. */
export function parsePage(params: SearchParams): number {
  const page = Number(first(params.page));
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

/** The rows of one page, with the page clamped into range so a stale link still shows the last page. */
export function pageSlice<T>(
  rows: readonly T[],
  page: number,
  size: number,
): { rows: T[]; page: number; pages: number; total: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((current - 1) * size, current * size), page: current, pages, total: rows.length };
}

type SortValue = string | number | Date | null | undefined;

/** A stable sort by one key; empty values go last in either direction. */
export function sortRows<T>(
  rows: readonly T[],
  sort: TableSort | null,
  value: (row: T, key: string) => SortValue,
): T[] {
  if (!sort) return [...rows];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row, sort.key) }))
    .sort((a, b) => {
      const empty =
        Number(a.v === null || a.v === undefined || a.v === '') -
        Number(b.v === null || b.v === undefined || b.v === '');
      if (empty !== 0) return empty;
      const x = a.v instanceof Date ? a.v.getTime() : a.v;
      const y = b.v instanceof Date ? b.v.getTime() : b.v;
      const cmp =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x).localeCompare(String(y), 'en', { sensitivity: 'base', numeric: true });
      return cmp !== 0 ? sign * cmp : a.index - b.index;
    })
    .map((r) => r.row);
}

/**
 * The query string for the same view with some params changed (undefined removes one). Changing the sort or a
 * filter starts again at page 1, since the old page number means nothing in the new order.
 */
export function withParams(current: string, change: Record<string, string | undefined>): string {
  const params = new URLSearchParams(current);
  if (!('page' in change)) params.delete('page');
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The header link's next direction: first click sorts `first`, a second click flips it. */
export function nextDir(active: SortDir | null, first: SortDir): SortDir {
  if (active === null) return first;
  return active === 'asc' ? 'desc' : 'asc';
}
