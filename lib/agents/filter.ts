// The Agents page's filters, sorting and paging, read from the URL (so a view can be shared and exported).
// Unknown or malformed values fall back to "no filter" rather than failing the page.
import { z } from 'zod';
import { optionalText } from '@/lib/filter-text.ts';
import { AGENT_STATUSES } from './inventory-csv.ts';

export const EFFECTIVE_STATES = ['exposed', 'mitigated', 'accepted', 'none'] as const;
export const SORTS = ['legs', 'name', 'owner', 'status', 'updated', 'id'] as const;
export const PAGE_SIZES = [25, 50, 100] as const;
/** Agent.kind: workspace agents and custom GPTs share the inventory (docs/decisions/0023). */
export const AGENT_KINDS = ['workspace_agent', 'custom_gpt'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];
/** listed: in the latest export · missing: not in the latest export · unclassified: uses an unknown app or
 *  unclassified MCP server · orphaned: its owner is deactivated or removed on the roster (lib/roster/orphans.ts) */
export const SHOW_FILTERS = ['listed', 'missing', 'unclassified', 'orphaned'] as const;

export const agentFilterSchema = z.object({
  q: optionalText(200),
  kind: z.enum(AGENT_KINDS).optional().catch(undefined),
  status: z
    .enum([...AGENT_STATUSES, 'unknown'])
    .optional()
    .catch(undefined),
  state: z.enum(EFFECTIVE_STATES).optional().catch(undefined),
  legs: z.coerce.number().int().min(0).max(3).optional().catch(undefined),
  owner: optionalText(320),
  app: optionalText(200),
  show: z.enum(SHOW_FILTERS).optional().catch(undefined),
  sort: z.enum(SORTS).catch('legs'),
  dir: z.enum(['asc', 'desc']).catch('desc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(50),
});

export type AgentFilter = z.infer<typeof agentFilterSchema>;

export function parseAgentFilter(params: Record<string, string | string[] | undefined>): AgentFilter {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  return agentFilterSchema.parse(flat);
}

/** The URL query for a filter, leaving out defaults; `change` overrides fields (and resets the page unless given). */
export function filterQuery(filter: AgentFilter, change: Partial<AgentFilter> = {}): string {
  const next: AgentFilter = { ...filter, page: 1, ...change };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    if (
      (key === 'sort' && value === 'legs') ||
      (key === 'dir' && value === 'desc') ||
      (key === 'page' && value === 1) ||
      (key === 'size' && value === 50)
    )
      continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
