// The Alerts inbox's filters, read from the URL; malformed values fall back to "no filter".
import { z } from 'zod';
import { optionalText } from '@/lib/filter-text.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'false_positive'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const alertFilterSchema = z.object({
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  /** open (the default view) also shows acknowledged: everything not closed. */
  status: z.enum([...ALERT_STATUSES, 'active', 'all']).catch('active'),
  rule: optionalText(120),
  agent: optionalText(200),
  assignee: optionalText(320),
  /** An OWASP agentic / LLM risk or ATLAS technique id; one no catalogue holds is no filter (decision 0041). */
  risk: z
    .string()
    .regex(/^[A-Za-z0-9.]{2,40}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type AlertFilter = z.infer<typeof alertFilterSchema>;

export function parseAlertFilter(params: Record<string, string | string[] | undefined>): AlertFilter {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  return alertFilterSchema.parse(flat);
}

export function alertQuery(filter: AlertFilter, change: Partial<AlertFilter> = {}): string {
  const next = { ...filter, page: 1, ...change };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || (key === 'status' && value === 'active') || (key === 'page' && value === 1)) continue;
    params.set(key, String(value));
  }
  const q = params.toString();
  return q ? `?${q}` : '';
}
