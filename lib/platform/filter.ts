// The Actions page's view, read from the URL (kind, status, target search, requester, sort, page); malformed values
// fall back to "no filter", so a hand-edited link never errors. Pure: the page, the CSV route and the tests share it.
import { z } from 'zod';
import { optionalText } from '@/lib/filter-text.ts';
import { ACTION_KINDS, ACTION_STATUSES, type ActionStatus } from './kinds.ts';

/** Statuses still moving (not final): what "in progress" shows. */
export const OPEN_STATUSES: readonly ActionStatus[] = [
  'awaiting_approval',
  'queued',
  'sending',
  'answered',
  'not_seen',
];
export const ACTION_SORTS = ['requested', 'kind', 'status', 'target'] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];
export const ACTION_PAGE_SIZE = 50;

export const actionFilterSchema = z.object({
  kind: z.enum(ACTION_KINDS).optional().catch(undefined),
  /** One status, `open` (everything not final) or `all` (the default). */
  status: z.enum([...ACTION_STATUSES, 'open', 'all']).catch('all'),
  /** Target: its name, platform id or file id contains this (case-insensitive, taken literally). */
  q: optionalText(200),
  /** Requester: the person's label (email) or "policy" contains this. */
  requester: optionalText(320),
  sort: z.enum(ACTION_SORTS).catch('requested'),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ActionFilter = z.infer<typeof actionFilterSchema>;

export function parseActionFilter(params: Record<string, string | string[] | undefined>): ActionFilter {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  return actionFilterSchema.parse(flat);
}

/** The direction in force: newest first by default, A→Z for the text columns. */
export function sortDir(filter: ActionFilter): 'asc' | 'desc' {
  return filter.dir ?? (filter.sort === 'requested' ? 'desc' : 'asc');
}

/** The query string of the same view with some fields changed (a change starts again at page 1). */
export function actionQuery(filter: ActionFilter, change: Partial<ActionFilter> = {}): string {
  const next = { ...filter, page: 1, ...change };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    if ((key === 'status' && value === 'all') || (key === 'page' && value === 1)) continue;
    if (key === 'sort' && value === 'requested') continue;
    params.set(key, String(value));
  }
  const q = params.toString();
  return q ? `?${q}` : '';
}
