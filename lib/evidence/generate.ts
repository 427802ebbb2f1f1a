// Generates an evidence pack into a stream and records it: the manifest's hash goes into the audit log, so a
// pack an auditor holds can be matched to the moment and the person that produced it.
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { SigningKey } from '@/lib/audit/signing.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { preparePack, type PackRequest } from './assemble.ts';
import { writePack, type PackProgress } from './pack-writer.ts';

export type PackOutcome = { manifestSha256: string; files: number; asOf: Date };
export type PreparedPack = Awaited<ReturnType<typeof preparePack>>;
type Options = {
  now?: Date;
  onStart?: (fileCount: number) => void;
  onProgress?: (p: PackProgress) => void;
  /** Runs in the transaction that records `evidence.pack`: a pack job marks itself done there, or throws to record
   *  nothing (its worker lost the job to another). */
  onWritten?: (tx: Tx, outcome: PackOutcome) => Promise<void>;
};

export async function generatePack(
  db: Db,
  actor: Actor,
  req: PackRequest,
  out: NodeJS.WritableStream,
  key: SigningKey,
  options: Options = {},
): Promise<PackOutcome> {
  const now = options.now ?? new Date();
  return writePrepared(db, actor, await preparePack(db, req, key, now), out, key, { ...options, now });
}

/** The second half, for callers that check the request (preparePack) before they answer and write later. */
export async function writePrepared(
  db: Db,
  actor: Actor,
  pack: PreparedPack,
  out: NodeJS.WritableStream,
  key: SigningKey,
  options: Options = {},
): Promise<PackOutcome> {
  const now = options.now ?? new Date();
  options.onStart?.(pack.fileCount);
  const { manifestSha256 } = await writePack(
    out,
    pack.files(),
    pack.meta,
    { key, generatedBy: actor.label, generatedAt: now },
    options.onProgress,
  );
  const { workspace, period, scope } = pack.meta;
  const outcome = { manifestSha256, files: pack.fileCount, asOf: pack.asOf };
  await db.$transaction(async (tx) => {
    await options.onWritten?.(tx, outcome);
    await recordAudit(tx, actor, {
      action: 'evidence.pack',
      targetType: 'workspace',
      targetId: workspace.id,
      workspaceId: workspace.id,
      diff: {
        scope,
        period: { from: period.from.toISOString(), to: period.to.toISOString() },
        asOf: pack.asOf.toISOString(),
        manifestSha256,
      },
    });
  });
  return outcome;
}
