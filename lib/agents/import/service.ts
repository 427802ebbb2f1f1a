// Inventory import: upload → preview (nothing changes) → commit (all-or-nothing) or discard.
import { createHash, randomUUID } from 'node:crypto';
import { databaseUrlOf, type Db, type Tx } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/http/app-error.ts';
import type pg from 'pg';
import { parseInventory, type RowError } from '@/lib/agents/inventory-csv.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import type { AgentChange } from './diff.ts';
import { planImport } from './plan.ts';
import type { RowRisk } from './preview-risk.ts';
import { loadRiskContextAndFingerprint } from './risk-context.ts';
import { dropStage, stageExists, stageTable, writeStage } from './stage.ts';
import { insertHistory, mergeAgents } from './write.ts';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const MAX_ERRORS_KEPT = 10_000;

export type ImportPreview = {
  rows: number;
  fatal: { line: number; reason: string } | null;
  errorCount: number;
  errors: RowError[];
  counts: { created: number; changed: number; unchanged: number; missing: number };
  /** `risk`, `newlyExposed*`: absent on previews stored before the preview showed risk. */
  created: { agentId: string; name: string; apps: string[]; risk?: RowRisk }[];
  changed: { agentId: string; name: string; changes: AgentChange[]; risk?: RowRisk }[];
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
  file: { filename: string; content: Buffer; fullExport: boolean; maxBytes?: number },
  now = new Date(),
  onProgress: Progress = () => {},
) {
  // Every upload path caps its body at MAX_IMPORT_BYTES before this; only the 1M bench (bench/import.ts) passes a
  // higher cap, to measure what a larger limit would cost (decision 0037).
  if (file.content.length > (file.maxBytes ?? MAX_IMPORT_BYTES))
    throw new AppError('too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  if (!(await db.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
    throw new AppError('not_found', `No workspace ${workspaceId}.`);
  // Read before the agents: any write after it makes the preview stale (its commit is then refused).
  const base = await baseline(db, workspaceId);
  const parsed = await parseForWorkspace(db, workspaceId, file.content);
  onProgress('parsed', parsed.rows.length, parsed.rows.length + parsed.errors.length);
  const { context, fingerprint } = await loadRiskContextAndFingerprint(db, workspaceId, now);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const id = randomUUID();
  // Parsed once: the rows go to the import's stage, compared with the agents in the server, and the commit reads
  // the stage (decision 0037).
  const fill = async (client: pg.Client, stage: string) => {
    const plan = await planImport(client, stage, {
      workspaceId,
      gptKind: GPT_KIND,
      rows: parsed.fatal ? [] : parsed.rows,
      listedIds: listedIds(parsed.errors),
      fullExport: file.fullExport && !parsed.fatal,
      context,
      onCompared: () => onProgress('staging', 0, 0),
    });
    const staged = plan.counts.created + plan.counts.changed + plan.counts.missing;
    onProgress('storing', staged, staged);
    return plan;
  };
  return writeStage(databaseUrlOf(db), id, fill, (plan) => {
    const preview: ImportPreview = {
      rows: parsed.rows.length + parsed.errors.length,
      fatal: parsed.fatal,
      errorCount: parsed.errors.length,
      errors: parsed.errors.slice(0, MAX_ERRORS_KEPT),
      counts: plan.counts,
      created: plan.created,
      changed: plan.changed,
      newlyExposed: plan.newlyExposed,
      newlyExposedCount: plan.newlyExposedCount,
      missing: plan.missing,
    };
    return db.inventoryImport.create({
      data: {
        id,
        workspaceId,
        filename: file.filename.slice(0, 255),
        sha256,
        size: file.content.length,
        content: new Uint8Array(file.content),
        fullExport: file.fullExport,
        preview,
        baseline: `${base}:${fingerprint}`,
        uploadedBy: actor.label,
        uploadedAt: now,
      },
      select: { id: true, workspaceId: true },
    });
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
    await dropStage(tx, importId);
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
      // Not the stored file: the commit writes what the preview staged (decision 0037).
      const record = await tx.inventoryImport.findFirst({
        where: { id: importId, workspaceId },
        select: { status: true, baseline: true, preview: true, filename: true, sha256: true },
      });
      if (!record) throw new AppError('not_found', 'No such import in this workspace.');
      if (record.status !== 'preview') throw new AppError('conflict', `This import was already ${record.status}.`);
      const preview = record.preview as ImportPreview;
      if (preview.fatal)
        throw new AppError(
          'unprocessable',
          `Line ${preview.fatal.line}: ${preview.fatal.reason}. Nothing was imported.`,
        );
      if (preview.errorCount && !options.skipInvalid)
        throw new AppError(
          'unprocessable',
          `${preview.errorCount} invalid row(s). Fix the file, or choose to skip them. Nothing was imported.`,
        );
      const at = options.now ?? new Date();
      const { fingerprint } = await loadRiskContextAndFingerprint(tx, workspaceId, at);
      if (record.baseline !== `${await baseline(tx, workspaceId)}:${fingerprint}` || !(await stageExists(tx, importId)))
        throw stale();
      progress('reading', 0, 1);

      const { created, changed, missing } = preview.counts;
      const total = created + changed + missing;
      progress('writing', 0, total);
      const stage = stageTable(importId);
      // Fewer rows than staged: an agent changed under the preview, or the stage was emptied (a crash of the
      // server truncates UNLOGGED tables). Either way the preview no longer describes the commit.
      if ((await mergeAgents(tx, stage, workspaceId, at)) !== total) throw stale();
      progress('writing', total, total);
      progress('history', 0, total);
      await insertHistory(tx, stage, importId, at);
      await dropStage(tx, importId);

      const outcome: ImportOutcome = {
        created,
        changed,
        unchanged: preview.counts.unchanged,
        missing,
        skipped: preview.errors,
        skippedCount: preview.errorCount,
        newlyTrifecta: preview.newlyExposed ?? [],
        newlyTrifectaCount: preview.newlyExposedCount ?? 0,
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

function stale() {
  return new AppError(
    'conflict',
    'The inventory changed since this preview (another import, or a change of the catalogue, action control or ' +
      'exceptions). Upload the file again to preview the changes.',
  );
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
