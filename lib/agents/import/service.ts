// Inventory import: upload → preview (nothing changes) → commit (all-or-nothing) or discard.
import { createHash } from 'node:crypto';
import type { Db, Tx } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/http/app-error.ts';
import type { ConnectorInput, EffectiveState } from '@/lib/trifecta/types.ts';
import { parseInventory, type InventoryRow, type RowError } from '@/lib/agents/inventory-csv.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import { diffInventory, nextConnectors, type ExistingAgent, type InventoryDiff } from './diff.ts';
import { classifyConfig, rowRisk, stateNow, type RiskContext, type RowRisk } from './preview-risk.ts';
import { loadRiskContext } from './risk-context.ts';
import {
  insertAgents,
  insertHistory,
  markMissing,
  newAgentId,
  updateAgents,
  type AgentConfig,
  type AgentWrite,
  type HistoryWrite,
} from './write.ts';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const SAMPLE = 200;
const MAX_ERRORS_KEPT = 10_000;

export type ImportPreview = {
  rows: number;
  fatal: { line: number; reason: string } | null;
  errorCount: number;
  errors: RowError[];
  counts: { created: number; changed: number; unchanged: number; missing: number };
  /** `risk`, `newlyExposed*`: absent on previews stored before the preview showed risk. */
  created: { agentId: string; name: string; apps: string[]; risk?: RowRisk }[];
  changed: { agentId: string; name: string; changes: InventoryDiff['changed'][number]['changes']; risk?: RowRisk }[];
  missing: { agentId: string; name: string }[];
  /** Agents that would become exposed (effective state), as the commit will count them. */
  newlyExposed?: { agentId: string; name: string }[];
  newlyExposedCount?: number;
};

export type ImportOutcome = ImportPreview['counts'] & {
  skipped: RowError[];
  skippedCount: number;
  newlyTrifecta: { agentId: string; name: string }[];
  newlyTrifectaCount: number;
};

export type Progress = (phase: string, done: number, total: number) => void;

export async function previewImport(
  db: Db,
  actor: Actor,
  workspaceId: string,
  file: { filename: string; content: Buffer; fullExport: boolean },
  now = new Date(),
) {
  if (file.content.length > MAX_IMPORT_BYTES)
    throw new AppError('too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  if (!(await db.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
    throw new AppError('not_found', `No workspace ${workspaceId}.`);
  const parsed = await parseForWorkspace(db, workspaceId, file.content);
  const existing = await loadExisting(db, workspaceId);
  const diff = diffInventory(
    existing,
    parsed.fatal ? [] : parsed.rows,
    file.fullExport && !parsed.fatal,
    listedIds(parsed.errors),
  );
  const plan = planWrites(await loadRiskContext(db, workspaceId, now), diff);
  const preview: ImportPreview = {
    rows: parsed.rows.length + parsed.errors.length,
    fatal: parsed.fatal,
    errorCount: parsed.errors.length,
    errors: parsed.errors.slice(0, MAX_ERRORS_KEPT),
    counts: {
      created: diff.created.length,
      changed: diff.changed.length,
      unchanged: diff.unchanged,
      missing: diff.missing.length,
    },
    created: diff.created
      .slice(0, SAMPLE)
      .map((r, i) => ({ agentId: r.agentId, name: r.agentName, apps: r.apps, risk: plan.risks[i] })),
    changed: diff.changed.slice(0, SAMPLE).map((c, i) => ({
      agentId: c.row.agentId,
      name: c.row.agentName,
      changes: c.changes,
      risk: plan.risks[diff.created.length + i],
    })),
    newlyExposed: plan.newlyTrifecta.slice(0, SAMPLE),
    newlyExposedCount: plan.newlyTrifecta.length,
    missing: diff.missing.slice(0, SAMPLE).map((a) => ({ agentId: a.externalId, name: a.name })),
  };
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return db.inventoryImport.create({
    data: {
      workspaceId,
      filename: file.filename.slice(0, 255),
      sha256,
      size: file.content.length,
      content: new Uint8Array(file.content),
      fullExport: file.fullExport,
      preview,
      baseline: await baseline(db, workspaceId),
      uploadedBy: actor.label,
      uploadedAt: now,
    },
    select: { id: true, workspaceId: true },
  });
}

export async function getImport(db: Db, workspaceId: string, importId: string) {
  const row = await db.inventoryImport.findFirst({
    where: { id: importId, workspaceId },
    select: {
      id: true,
      workspaceId: true,
      filename: true,
      sha256: true,
      size: true,
      fullExport: true,
      status: true,
      preview: true,
      outcome: true,
      uploadedAt: true,
      uploadedBy: true,
      committedAt: true,
      committedBy: true,
    },
  });
  if (!row) throw new AppError('not_found', 'No such import in this workspace.');
  return { ...row, preview: row.preview as ImportPreview, outcome: row.outcome as ImportOutcome | null };
}

export async function discardImport(db: Db, actor: Actor, workspaceId: string, importId: string) {
  await db.$transaction(async (tx) => {
    const updated = await tx.inventoryImport.updateMany({
      where: { id: importId, workspaceId, status: 'preview' },
      data: { status: 'discarded' },
    });
    if (updated.count === 0) throw new AppError('conflict', 'Only an import still in preview can be discarded.');
    await recordAudit(tx, actor, {
      action: 'agents.import_discard',
      targetType: 'inventory_import',
      targetId: importId,
      workspaceId,
    });
  });
}

export async function listImports(db: Db, workspaceId: string) {
  const rows = await db.inventoryImport.findMany({
    where: { workspaceId },
    orderBy: { uploadedAt: 'desc' },
    take: 50,
    select: {
      id: true,
      filename: true,
      sha256: true,
      size: true,
      status: true,
      fullExport: true,
      preview: true,
      outcome: true,
      uploadedAt: true,
      uploadedBy: true,
      committedAt: true,
      committedBy: true,
    },
  });
  return rows.map((r) => ({ ...r, preview: r.preview as ImportPreview, outcome: r.outcome as ImportOutcome | null }));
}

export async function commitImport(
  db: Db,
  actor: Actor,
  workspaceId: string,
  importId: string,
  options: { skipInvalid: boolean; onProgress?: Progress; now?: Date },
) {
  const progress = options.onProgress ?? (() => {});
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`agents:${workspaceId}`}))`;
      const record = await tx.inventoryImport.findFirst({ where: { id: importId, workspaceId } });
      if (!record) throw new AppError('not_found', 'No such import in this workspace.');
      if (record.status !== 'preview') throw new AppError('conflict', `This import was already ${record.status}.`);
      if (record.baseline !== (await baseline(tx, workspaceId)))
        throw new AppError(
          'conflict',
          'The inventory changed since this preview (another import?). Upload the file again to preview the changes.',
        );
      progress('reading', 0, 1);
      const parsed = await parseForWorkspace(tx, workspaceId, Buffer.from(record.content));
      if (parsed.fatal)
        throw new AppError('unprocessable', `Line ${parsed.fatal.line}: ${parsed.fatal.reason}. Nothing was imported.`);
      if (parsed.errors.length && !options.skipInvalid)
        throw new AppError(
          'unprocessable',
          `${parsed.errors.length} invalid row(s). Fix the file, or choose to skip them. Nothing was imported.`,
        );

      const at = options.now ?? new Date();
      const existing = await loadExisting(tx, workspaceId);
      const diff = diffInventory(existing, parsed.rows, record.fullExport, listedIds(parsed.errors));
      const { agents, history, newlyTrifecta } = planWrites(await loadRiskContext(tx, workspaceId, at), diff);
      const created = agents.slice(0, diff.created.length);
      const changed = agents.slice(diff.created.length);
      const total = agents.length;
      let done = 0;
      const step = (n: number) => {
        done += n;
        progress('writing', done, total);
      };
      progress('writing', 0, total);
      await insertAgents(tx, workspaceId, created, at, step);
      await updateAgents(tx, changed, at, step);
      await markMissing(
        tx,
        diff.missing.map((a) => a.id),
        at,
      );
      for (const a of diff.missing) history.push({ agentId: a.id, kind: 'missing_from_export', detail: {} });
      progress('history', 0, history.length);
      await insertHistory(tx, history, importId, at);

      const outcome: ImportOutcome = {
        created: diff.created.length,
        changed: diff.changed.length,
        unchanged: diff.unchanged,
        missing: diff.missing.length,
        skipped: parsed.errors.slice(0, MAX_ERRORS_KEPT),
        skippedCount: parsed.errors.length,
        newlyTrifecta: newlyTrifecta.slice(0, SAMPLE),
        newlyTrifectaCount: newlyTrifecta.length,
      };
      await tx.inventoryImport.update({
        where: { id: importId },
        data: { status: 'committed', outcome, committedAt: at, committedBy: actor.label },
      });
      const { skipped: _rows, skippedCount, newlyTrifecta: names, ...counts } = outcome;
      await recordAudit(tx, actor, {
        action: 'agents.import',
        targetType: 'inventory_import',
        targetId: importId,
        workspaceId,
        diff: {
          filename: record.filename,
          sha256: record.sha256,
          ...counts,
          skipped: skippedCount,
          newlyTrifecta: names.slice(0, 50).map((n) => n.agentId),
        },
        at,
      });
      progress('done', total, total);
      return outcome;
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}

/** Classifies what the import writes and the history it leaves; created rows first, then changed. */
function planWrites(context: RiskContext, diff: InventoryDiff) {
  const agents: AgentWrite[] = [];
  const risks: RowRisk[] = [];
  const history: HistoryWrite[] = [];
  // Counted by effective state (action control and exceptions included), not by the three legs alone.
  const newlyTrifecta: { agentId: string; name: string }[] = [];
  // A new agent has no settings yet, only its app list: fleets repeat lists, so classify each list once.
  const byAppList = new Map<string, AgentConfig>();
  const fresh = (apps: string[]) => {
    const key = apps.join('\u0000');
    let hit = byAppList.get(key);
    if (hit === undefined) {
      hit = classifyConfig(
        apps.map((app) => ({ app })),
        context,
      );
      byAppList.set(key, hit);
    }
    return hit;
  };
  const build = (
    row: InventoryRow,
    id: string,
    config: AgentConfig,
    status: string,
    before: EffectiveState | null,
  ): AgentWrite => {
    const risk = rowRisk(row.apps, config, before, context.resolveApp);
    risks.push(risk);
    if (risk.becomesExposed) newlyTrifecta.push({ agentId: row.agentId, name: row.agentName });
    return {
      id,
      externalId: row.agentId,
      name: row.agentName,
      ownerEmail: row.ownerEmail,
      status,
      apps: row.apps,
      config,
    };
  };
  for (const row of diff.created) {
    const agent = build(row, newAgentId(), fresh(row.apps), row.status ?? 'unknown', null);
    agents.push(agent);
    history.push({
      agentId: agent.id,
      kind: 'created',
      detail: { apps: row.apps, ownerEmail: row.ownerEmail, name: row.agentName },
    });
  }
  for (const { row, existing, changes } of diff.changed) {
    const config = classifyConfig(nextConnectors(existing.connectors, row.apps), context, existing.id);
    agents.push(build(row, existing.id, config, row.status ?? existing.status, stateNow(existing, context)));
    for (const change of changes) {
      const { kind, ...detail } = change;
      history.push({ agentId: existing.id, kind, detail });
    }
  }
  return { agents, risks, history, newlyTrifecta };
}

function listedIds(errors: RowError[]): string[] {
  return errors.flatMap((e) => (e.agentId ? [e.agentId] : []));
}

/** The export's rows; a row naming a custom GPT's id is refused: GPTs come from the platform, never an export. */
async function parseForWorkspace(db: Db | Tx, workspaceId: string, content: Buffer) {
  const parsed = await parseInventory(content);
  const gpts = await db.agent.findMany({ where: { workspaceId, kind: GPT_KIND }, select: { externalId: true } });
  const gptIds = new Set(gpts.map((g) => g.externalId));
  const clash = parsed.rows.filter((r) => gptIds.has(r.agentId));
  if (clash.length === 0) return parsed;
  const refused = clash.map((r) => ({ line: r.line, agentId: r.agentId, reason: 'a custom GPT already has this id' }));
  return {
    ...parsed,
    rows: parsed.rows.filter((r) => !gptIds.has(r.agentId)),
    errors: [...parsed.errors, ...refused].sort((a, b) => a.line - b.line),
  };
}

/** Workspace agents only: an agent export never changes, or marks "not in latest export", a custom GPT. */
async function loadExisting(db: Db | Tx, workspaceId: string): Promise<Map<string, ExistingAgent>> {
  const rows = await db.agent.findMany({
    where: { workspaceId, kind: { not: GPT_KIND } },
    select: {
      id: true,
      externalId: true,
      name: true,
      ownerEmail: true,
      status: true,
      apps: true,
      connectors: true,
      inLatestExport: true,
      trifecta: true,
      effectiveState: true,
      configHash: true,
    },
  });
  return new Map(rows.map((r) => [r.externalId, { ...r, connectors: r.connectors as ConnectorInput[] }]));
}

/** A fingerprint of the workspace's agents: any write since the preview changes it. */
async function baseline(db: Db | Tx, workspaceId: string): Promise<string> {
  // GPT reads do not touch the agents an export writes, so they never make a preview stale.
  const agg = await db.agent.aggregate({
    where: { workspaceId, kind: { not: GPT_KIND } },
    _count: { _all: true },
    _max: { updatedAt: true },
  });
  return `${agg._count._all}:${agg._max.updatedAt?.toISOString() ?? '-'}`;
}
