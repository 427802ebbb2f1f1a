// Inventory import: upload → preview (nothing changes) → commit (all-or-nothing) or discard.
import { randomUUID } from 'node:crypto';
import { databaseUrlOf, type Db, type Tx } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/http/app-error.ts';
import type { RowError } from '@/lib/agents/inventory-csv.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import type { AgentChange } from './diff.ts';
import { stageParsed } from './parsed.ts';
import { planImport } from './plan.ts';
import type { RowRisk } from './preview-risk.ts';
import { loadRiskContextAndFingerprint } from './risk-context.ts';
import { dropStage, stageExists, stageTable, writeStage } from './stage.ts';
import { type ImportSource, piecesOf, sizeOf } from './source.ts';
import { copyFilePieces, FILE_CONTENT_SQL } from './stored-file.ts';
import { insertHistory, mergeAgents } from './write.ts';

/** 256 MB: a 1M-agent export is ~85 MB; the import streams it (its memory does not grow with the file), so the
 *  limit is the disk, the stored evidence and the upload's time, not the process (decision 0037). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

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
  file: { filename: string; fullExport: boolean; maxBytes?: number } & ImportSource,
  now = new Date(),
  onProgress: Progress = () => {},
) {
  // Every upload path caps its body at MAX_IMPORT_BYTES before this; only the bench (bench/import.ts) may pass a
  // higher cap, to measure what a larger limit would cost (decision 0037).
  const limit = file.maxBytes ?? MAX_IMPORT_BYTES;
  if ((await sizeOf(file)) > limit)
    throw new AppError('too_large', `The file is larger than the limit of ${Math.round(limit / 1024 / 1024)} MB.`);
  if (!(await db.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
    throw new AppError('not_found', `No workspace ${workspaceId}.`);
  // Read before the agents: any write after it makes the preview stale (its commit is then refused).
  const base = await baseline(db, workspaceId);
  const { context, fingerprint } = await loadRiskContextAndFingerprint(db, workspaceId, now);
  const id = randomUUID();
  // Parsed once, as it is read: the rows go to the import's stage, compared with the agents in the server, and the
  // commit reads the stage. The file itself is stored in pieces; neither it nor its rows are ever held whole.
  return writeStage(databaseUrlOf(db), id, async (client, stage) => {
    const stored = await copyFilePieces(client, piecesOf(file));
    const parsed = await stageParsed(client, piecesOf(file), { workspaceId, gptKind: GPT_KIND });
    onProgress('parsed', parsed.valid, parsed.rows);
    const plan = await planImport(client, stage, {
      workspaceId,
      gptKind: GPT_KIND,
      valid: parsed.valid,
      fullExport: file.fullExport && !parsed.fatal,
      context,
      onCompared: () => onProgress('staging', 0, 0),
    });
    const staged = plan.counts.created + plan.counts.changed + plan.counts.missing;
    onProgress('storing', staged, staged);
    const preview: ImportPreview = {
      rows: parsed.rows,
      fatal: parsed.fatal,
      errorCount: parsed.errorCount,
      errors: parsed.errors,
      counts: plan.counts,
      created: plan.created,
      changed: plan.changed,
      newlyExposed: plan.newlyExposed,
      newlyExposedCount: plan.newlyExposedCount,
      missing: plan.missing,
    };
    await client.query(
      `INSERT INTO "InventoryImport" (id, "workspaceId", filename, sha256, size, content, "fullExport", status,
         preview, baseline, "uploadedBy", "uploadedAt")
       VALUES ($1, $2, $3, $4, $5, ${FILE_CONTENT_SQL}, $6, 'preview', $7::jsonb, $8, $9, $10)`,
      [
        id,
        workspaceId,
        file.filename.slice(0, 255),
        stored.sha256,
        stored.size,
        file.fullExport,
        JSON.stringify(preview),
        `${base}:${fingerprint}`,
        actor.label,
        now,
      ],
    );
    return { id, workspaceId };
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
      // `select`: an update answers with the whole row otherwise, the stored file included (85 MB at 1M agents,
      // read back and decoded for nothing: 485 MB of the commit's peak RSS in the 1M bench).
      await tx.inventoryImport.update({
        where: { id: importId },
        data: { status: 'committed', outcome, committedAt: at, committedBy: actor.label },
        select: { id: true },
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
    // A million agents commit in about 3 minutes on an idle 2-core machine, and took over 10 under load
    // (bench/RESULTS.md §2): the transaction may run 30 minutes before it is rolled back.
    { timeout: 1_800_000, maxWait: 30_000 },
  );
}

function stale() {
  return new AppError(
    'conflict',
    'The inventory changed since this preview (another import, or a change of the catalogue, action control or ' +
      'exceptions). Upload the file again to preview the changes.',
  );
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
