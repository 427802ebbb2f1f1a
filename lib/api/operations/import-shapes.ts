// An agent import as the API answers it: the preview page's content (counts, invalid rows by line, the agents that
// would become exposed, samples of the changes) and, once committed, what the commit did. Explicit mapping from the
// stored preview and outcome, so a new field there never leaks unannounced.
import { z } from 'zod';
import { EFFECTIVE_STATES } from '@/lib/agents/filter.ts';
import type { AgentChange } from '@/lib/agents/import/diff.ts';
import type { getImport } from '@/lib/agents/import/service.ts';
import type { RowRisk } from '@/lib/agents/import/preview-risk.ts';
import { Timestamp, iso, isoOrNull } from '../schemas.ts';

/** The preview keeps up to 10,000 invalid rows; the answer carries the first of them (error_count says all). */
export const MAX_ERRORS_SHOWN = 1000;

const Counts = z.object({
  created: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  missing: z.number().int().meta({ description: 'Listed before, not in this full export.' }),
});
const Named = z.object({ agent_id: z.string(), name: z.string() });
const Risk = {
  state: z.enum(EFFECTIVE_STATES).nullable().meta({ description: 'Its effective state after the import.' }),
  becomes_exposed: z.boolean().nullable(),
};
const Change = z.object({
  kind: z.enum(['renamed', 'owner_changed', 'apps_changed', 'status_changed', 'back_in_export']),
  from: z.string().optional(),
  to: z.string().optional(),
  added: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
});

export const AgentImport = z
  .object({
    import_id: z.string(),
    status: z.enum(['preview', 'committed', 'discarded']),
    filename: z.string(),
    sha256: z.string(),
    size: z.number().int(),
    full_export: z.boolean(),
    uploaded_at: Timestamp,
    uploaded_by: z.string(),
    committed_at: Timestamp.nullable(),
    committed_by: z.string().nullable(),
    rows: z.number().int().meta({ description: 'Data rows in the file, valid or not.' }),
    counts: Counts.meta({ description: 'What the commit would do (preview) or did (committed).' }),
    fatal: z
      .object({ line: z.number().int(), reason: z.string() })
      .nullable()
      .meta({ description: 'A problem with the whole file: it cannot be committed.' }),
    error_count: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), agent_id: z.string().nullable(), reason: z.string() })).meta({
      description: `Invalid rows by line (the first ${MAX_ERRORS_SHOWN}); skipped by a commit with skip_invalid.`,
    }),
    newly_exposed: z
      .object({ count: z.number().int(), agents: z.array(Named) })
      .nullable()
      .meta({ description: 'Agents that become exposed trifectas (effective state): would (preview) or did.' }),
    skipped: z.number().int().nullable().meta({ description: 'Invalid rows the commit skipped; null before it.' }),
    created: z.array(Named.extend({ apps: z.array(z.string()), ...Risk })).meta({ description: 'First 200.' }),
    changed: z.array(Named.extend({ changes: z.array(Change), ...Risk })).meta({ description: 'First 200.' }),
    missing: z.array(Named).meta({ description: 'First 200.' }),
  })
  .meta({ id: 'AgentImport' });

type Stored = Awaited<ReturnType<typeof getImport>>;

const risk = (r: RowRisk | undefined) => ({ state: r?.state ?? null, becomes_exposed: r?.becomesExposed ?? null });
const named = (a: { agentId: string; name: string }) => ({ agent_id: a.agentId, name: a.name });
const STATUSES = ['preview', 'committed', 'discarded'] as const;

function change(c: AgentChange): z.output<typeof Change> {
  if (c.kind === 'apps_changed') return { kind: c.kind, added: [...c.added], removed: [...c.removed] };
  if (c.kind === 'back_in_export') return { kind: c.kind };
  return { kind: c.kind, from: c.from, to: c.to };
}

export function showImport(record: Stored): z.output<typeof AgentImport> {
  const { preview, outcome } = record;
  const counts = outcome ?? preview.counts;
  const exposed = outcome
    ? { count: outcome.newlyTrifectaCount, agents: outcome.newlyTrifecta.map(named) }
    : preview.newlyExposedCount === undefined
      ? null
      : { count: preview.newlyExposedCount, agents: (preview.newlyExposed ?? []).map(named) };
  return {
    import_id: record.id,
    status: STATUSES.find((s) => s === record.status) ?? 'preview',
    filename: record.filename,
    sha256: record.sha256,
    size: record.size,
    full_export: record.fullExport,
    uploaded_at: iso(record.uploadedAt),
    uploaded_by: record.uploadedBy,
    committed_at: isoOrNull(record.committedAt),
    committed_by: record.committedBy,
    rows: preview.rows,
    counts: { created: counts.created, changed: counts.changed, unchanged: counts.unchanged, missing: counts.missing },
    fatal: preview.fatal ? { line: preview.fatal.line, reason: preview.fatal.reason } : null,
    error_count: preview.errorCount,
    errors: preview.errors
      .slice(0, MAX_ERRORS_SHOWN)
      .map((e) => ({ line: e.line, agent_id: e.agentId, reason: e.reason })),
    newly_exposed: exposed,
    skipped: outcome ? outcome.skippedCount : null,
    created: preview.created.map((a) => ({ ...named(a), apps: [...a.apps], ...risk(a.risk) })),
    changed: preview.changed.map((a) => ({ ...named(a), changes: a.changes.map(change), ...risk(a.risk) })),
    missing: preview.missing.map(named),
  };
}
