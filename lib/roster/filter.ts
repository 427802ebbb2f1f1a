// The roster page's filters and paging, read from the URL (a view can be bookmarked and shared).
// Unknown or malformed values fall back to "no filter" rather than failing the page.
import { z } from 'zod';
import { optionalText } from '@/lib/filter-text.ts';
import { MEMBER_STATUSES, WORKSPACE_ROLES } from './members-csv.ts';

export const ROSTER_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_STATUS = 'active';

export const rosterFilterSchema = z.object({
  q: optionalText(200),
  role: z
    .enum([...WORKSPACE_ROLES, 'unknown'])
    .optional()
    .catch(undefined),
  /** Active members unless the view asks for another status, or `any` (a roster is read for who has access now). */
  status: z
    .enum([...MEMBER_STATUSES, 'any'])
    .default(DEFAULT_STATUS)
    .catch(DEFAULT_STATUS),
  source: z.enum(['scim', 'csv']).optional().catch(undefined),
  group: optionalText(200),
  /** overdue: owners and admins not re-attested within 90 days · direct: holding agent roles directly */
  show: z.enum(['overdue', 'direct']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (ROSTER_PAGE_SIZES as readonly number[]).includes(n))
    .catch(50),
});

export type RosterFilter = z.infer<typeof rosterFilterSchema>;

export function parseRosterFilter(params: Record<string, string | string[] | undefined>): RosterFilter {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  return rosterFilterSchema.parse(flat);
}

/** The URL query for a filter, leaving out defaults; `change` overrides fields (and resets the page unless given). */
export function rosterQuery(filter: RosterFilter, change: Partial<RosterFilter> = {}): string {
  const next: RosterFilter = { ...filter, page: 1, ...change };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (
      value === undefined ||
      (key === 'page' && value === 1) ||
      (key === 'size' && value === 50) ||
      (key === 'status' && value === DEFAULT_STATUS)
    )
      continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
