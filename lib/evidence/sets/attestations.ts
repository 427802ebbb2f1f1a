// Control attestations as of the period's end: every attestation made before asOf with its status then —
// revoked (revoked before asOf), valid (asOf before its expiry) or stale — whether it was the one counting for
// its control (the newest not revoked), the statement and its evidence (link, or file name, size and SHA-256).
import type { Db } from '@/lib/db.ts';
import { attestableControls, attestationStatus } from '@/lib/posture/attestation-state.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { before, cmp, EVIDENCE_COLUMNS, evidenceColumns, inScope } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

const position = new Map(CATALOGUE.controls.map((c) => [c.id, c.position]));

async function* rows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>> {
  const all = await db.attestation.findMany({
    where: { workspaceId: ctx.workspaceId, attestedAt: { lt: ctx.asOf } },
    select: {
      id: true,
      controlId: true,
      statement: true,
      attestedBy: true,
      attestedAt: true,
      expiresAt: true,
      revokedAt: true,
      revokedBy: true,
      evidenceUrl: true,
      filename: true,
      size: true,
      sha256: true,
    },
  });
  // A revocation at or after asOf had not happened yet.
  const asOf = all
    .filter((a) => inScope(ctx, a.controlId))
    .map((a) => (before(a.revokedAt, ctx.asOf) ? a : { ...a, revokedAt: null, revokedBy: null }));
  asOf.sort(
    (a, b) =>
      (position.get(a.controlId) ?? Infinity) - (position.get(b.controlId) ?? Infinity) ||
      cmp(a.controlId, b.controlId) ||
      a.attestedAt.getTime() - b.attestedAt.getTime() ||
      cmp(a.id, b.id),
  );
  const counting = new Map<string, string | undefined>();
  for (const a of asOf) {
    if (!counting.has(a.controlId))
      counting.set(
        a.controlId,
        attestationStatus(
          asOf.filter((o) => o.controlId === a.controlId),
          ctx.asOf,
        ).current?.id,
      );
  }
  for (const a of asOf) {
    const status = a.revokedAt ? 'revoked' : ctx.asOf.getTime() < a.expiresAt.getTime() ? 'valid' : 'stale';
    yield {
      id: a.id,
      controlId: a.controlId,
      status,
      counts: counting.get(a.controlId) === a.id && status === 'valid',
      statement: a.statement,
      attestedBy: a.attestedBy,
      attestedAt: a.attestedAt,
      expiresAt: a.expiresAt,
      revokedAt: a.revokedAt,
      revokedBy: a.revokedBy,
      ...evidenceColumns(a),
    };
  }
}

export const attestationsSet: EvidenceSetDef = {
  name: 'attestations',
  title: 'Control attestations',
  kind: 'state',
  controls: [...attestableControls(CATALOGUE.controls)],
  columns: [
    'id',
    'controlId',
    'status',
    'counts',
    'statement',
    'attestedBy',
    'attestedAt',
    'expiresAt',
    'revokedAt',
    'revokedBy',
    ...EVIDENCE_COLUMNS,
  ],
  note:
    'Every attestation made before the pack’s as-of instant with its status ' +
    'at that instant (valid until its expiry, then stale; revoked only if ' +
    'revoked before then) and whether it was the one counting for its ' +
    'control; evidence as its link, or file name, size and SHA-256.',
  rows,
};
