// The Findings page's filters, read from the URL. Unknown or malformed values fall back to "no filter".
import { z } from 'zod';
import { optionalText } from '@/lib/filter-text.ts';
import { FINDING_KINDS } from './types.ts';

export const FINDING_STATUS_FILTERS = ['current', 'open', 'excepted', 'resolved', 'all'] as const;
export const FINDING_CONTROLS = ['1.4', '3.1', '3.2', '6.1', '6.2'] as const;
export const SUBJECT_TYPES = ['role', 'member', 'app', 'workspace', 'agent'] as const;

export const findingFilterSchema = z.object({
  /** current (default): open and excepted · open · excepted · resolved · all */
  status: z.enum(FINDING_STATUS_FILTERS).catch('current'),
  control: z.enum(FINDING_CONTROLS).optional().catch(undefined),
  kind: z.enum(FINDING_KINDS).optional().catch(undefined),
  subject: z.enum(SUBJECT_TYPES).optional().catch(undefined),
  /** An owner's email, or `unassigned`. */
  owner: optionalText(320),
  overdue: z.enum(['1']).optional().catch(undefined),
  q: optionalText(200),
  /** An OWASP agentic / LLM risk or ATLAS technique id (ASI02, LLM06, AML.T0053); an id no catalogue holds matches
   *  as no filter (lib/findings/queries.ts). Decision 0041. */
  risk: z
    .string()
    .regex(/^[A-Za-z0-9.]{2,40}$/)
    .optional()
    .catch(undefined),
});

export type FindingFilter = z.infer<typeof findingFilterSchema>;

export const DEFAULT_FINDING_FILTER: FindingFilter = { status: 'current' };

export function parseFindingFilter(params: Record<string, string | string[] | undefined>): FindingFilter {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  return findingFilterSchema.parse(flat);
}

export function findingFilterQuery(filter: FindingFilter, change: Partial<FindingFilter> = {}): string {
  const next = { ...filter, ...change };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || (key === 'status' && value === 'current')) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
