// Control attestations (issue 7): a named person attests a control of the guide with a statement, evidence (an
// https link or a stored file ≤ 10 MB kept with its SHA-256, served only as a download) and an expiry at most
// 90 days away. Attesting and revoking each write their audit event in the same transaction.
import { z } from 'zod';
import type { Db, Tx } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { checkEvidence, type Evidence as StoredEvidence } from '@/lib/attachments/evidence.ts';
import { storeEvidence } from '@/lib/attachments/service.ts';
import { checkExpiry } from './attestation-state.ts';

type Reader = Db | Tx;

export type AttestationEvidence = StoredEvidence;
export type AttestInput = { controlId: string; statement: string; expiresAt: Date; evidence: AttestationEvidence };

const statementSchema = z
  .string()
  .trim()
  .min(10, 'statement: at least 10 characters')
  .max(2000, 'statement: at most 2,000 characters');
const reasonSchema = z
  .string()
  .trim()
  .min(1, 'reason: say why the attestation is revoked')
  .max(2000, 'reason: at most 2,000 characters');

/** Attests one control for the workspace; the audit diff names the evidence, never its content. */
export async function attest(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: AttestInput,
  knownControls: ReadonlySet<string>,
  now = new Date(),
): Promise<{ id: string }> {
  const controlId = input.controlId.trim();
  if (!controlId) throw new AppError('unprocessable', 'controlId: choose the control to attest.');
  if (!knownControls.has(controlId))
    throw new AppError(
      'unprocessable',
      `controlId: control "${controlId.slice(0, 40)}" does not take an ` +
        `attestation (unknown, or assessed automatically only).`,
    );
  const statement = statementSchema.safeParse(input.statement ?? '');
  if (!statement.success) throw new AppError('unprocessable', statement.error.issues[0]!.message);
  const expiryError = checkExpiry(now, input.expiresAt);
  if (expiryError) throw new AppError('unprocessable', expiryError);
  const evidence = checkEvidence(input.evidence);

  return db.$transaction(async (tx) => {
    if (!(await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
      throw new AppError('not_found', `No workspace ${workspaceId}.`);
    const created = await storeEvidence(
      tx,
      {
        home: 'attestation',
        record: {
          workspaceId,
          controlId,
          statement: statement.data,
          attestedById: actor.id,
          attestedBy: actor.label,
          attestedAt: now,
          expiresAt: input.expiresAt,
        },
      },
      evidence,
    );
    await recordAudit(tx, actor, {
      action: 'attestation.create',
      targetType: 'attestation',
      targetId: created.id,
      workspaceId,
      at: now,
      diff: {
        controlId,
        statement: statement.data,
        attestedAt: now.toISOString(),
        expiresAt: input.expiresAt.toISOString(),
        ...evidence.diff,
      },
    });
    return created;
  });
}

/** Revokes an attestation of the workspace (it stops counting at once); the reason is kept in the audit event. */
export async function revokeAttestation(
  db: Db,
  actor: Actor,
  workspaceId: string,
  attestationId: string,
  input: { reason: string },
  now = new Date(),
): Promise<void> {
  const reason = reasonSchema.safeParse(input.reason ?? '');
  if (!reason.success) throw new AppError('unprocessable', reason.error.issues[0]!.message);
  await db.$transaction(async (tx) => {
    const row = await tx.attestation.findFirst({
      where: { id: attestationId, workspaceId },
      select: { id: true, controlId: true, attestedBy: true, expiresAt: true, revokedAt: true, revokedBy: true },
    });
    if (!row) throw new AppError('not_found', `No attestation ${attestationId} in this workspace.`);
    if (row.revokedAt)
      throw new AppError(
        'conflict',
        `This attestation was already revoked by ${row.revokedBy ?? 'someone'} ` +
          `on ${row.revokedAt.toISOString().slice(0, 10)}.`,
      );
    // Only a row still unrevoked is changed, so two revocations at once cannot both succeed.
    const { count } = await tx.attestation.updateMany({
      where: { id: row.id, revokedAt: null },
      data: { revokedAt: now, revokedBy: actor.label },
    });
    if (count !== 1) throw new AppError('conflict', 'This attestation was revoked meanwhile.');
    await recordAudit(tx, actor, {
      action: 'attestation.revoke',
      targetType: 'attestation',
      targetId: row.id,
      workspaceId,
      at: now,
      diff: {
        controlId: row.controlId,
        attestedBy: row.attestedBy,
        expiresAt: row.expiresAt.toISOString(),
        revokedAt: now.toISOString(),
        reason: reason.data,
      },
    });
  });
}

const LIST_SELECT = {
  id: true,
  controlId: true,
  statement: true,
  attestedById: true,
  attestedBy: true,
  attestedAt: true,
  expiresAt: true,
  evidenceUrl: true,
  filename: true,
  contentType: true,
  size: true,
  sha256: true,
  revokedAt: true,
  revokedBy: true,
} satisfies Prisma.AttestationSelect;

export type AttestationView = Prisma.AttestationGetPayload<{ select: typeof LIST_SELECT }>;

/** Every attestation of the workspace (revoked ones too), newest first, without file content. */
export async function listAttestations(db: Reader, workspaceId: string): Promise<AttestationView[]> {
  return db.attestation.findMany({
    where: { workspaceId },
    orderBy: [{ attestedAt: 'desc' }, { id: 'desc' }],
    select: LIST_SELECT,
  });
}
