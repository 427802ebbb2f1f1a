// The OSCAL assessment results for a workspace and period, with the data as of the period's end; recorded in
// the audit log (a download is access, not a change).
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { assessmentResults } from '@/lib/oscal/assessment-results.ts';
import { frameworkRefs } from './framework-refs.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { evidenceAsOf, GENERATOR } from './as-of.ts';
import type { AttestationRecord, ExposedAgent, Period, PostureAsOf } from './types.ts';

export async function oscalFor(
  db: Db,
  actor: Actor,
  workspaceId: string,
  period: Period,
  now = new Date(),
): Promise<object> {
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { id: true, name: true } });
  if (!workspace) throw new AppError('not_found', `No workspace ${workspaceId}.`);
  const { asOf, posture } = await evidenceAsOf(db, workspace.id, period, now);
  const doc = await buildOscal(db, workspace, period, asOf, posture);
  await db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: 'evidence.oscal',
      targetType: 'workspace',
      targetId: workspace.id,
      workspaceId: workspace.id,
      diff: { period: { from: period.from.toISOString(), to: period.to.toISOString() }, asOf: asOf.toISOString() },
    }),
  );
  return doc;
}

/** The document itself; `generatedAt` is the posture's evaluation time, so the same data give the same bytes. */
export async function buildOscal(
  db: Db,
  workspace: { id: string; name: string },
  period: Period,
  asOf: Date,
  posture: PostureAsOf,
): Promise<object> {
  return assessmentResults({
    workspace,
    period,
    generator: GENERATOR,
    posture,
    catalogueVersion: CATALOGUE.version,
    attestations: await attestationsAsOf(db, workspace.id, asOf),
    exposedAgents: await exposedAsOf(db, workspace.id, asOf),
    generatedAt: posture.at,
    frameworks: frameworkRefs(),
  });
}

/** Attestations made before `asOf`, revocations after it not yet in effect. */
export async function attestationsAsOf(db: Db, workspaceId: string, asOf: Date): Promise<AttestationRecord[]> {
  const rows = await db.attestation.findMany({
    where: { workspaceId, attestedAt: { lt: asOf } },
    orderBy: [{ attestedAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((a) => ({
    id: a.id,
    controlId: a.controlId,
    statement: a.statement,
    attestedBy: a.attestedBy,
    attestedAt: a.attestedAt,
    expiresAt: a.expiresAt,
    revokedAt: a.revokedAt && a.revokedAt < asOf ? a.revokedAt : null,
    evidence: a.evidenceUrl
      ? { url: a.evidenceUrl }
      : a.sha256 && a.filename
        ? { filename: a.filename, sha256: a.sha256, bytes: a.size ?? 0 }
        : null,
  }));
}

type AgentVersion = {
  externalId: string;
  name: string;
  ownerEmail: string | null;
  status: string;
  effectiveState: string;
  legs: Record<string, string[]>;
  breakApps: string[];
};

/** Agents exposed to the trifecta as of `asOf` (their versions before it), for the OSCAL risks. */
export async function exposedAsOf(db: Db, workspaceId: string, asOf: Date): Promise<ExposedAgent[]> {
  // Only the exposed ones leave the database: the fleet's other versions are never loaded.
  const rows = await db.$queryRaw<{ data: AgentVersion }[]>`
    SELECT data FROM (
      SELECT DISTINCT ON ("entityId") data FROM "RecordVersion"
      WHERE "workspaceId" = ${workspaceId} AND entity = 'agent' AND at < ${asOf}
      ORDER BY "entityId", at DESC, id DESC) v
    WHERE v.data IS NOT NULL AND v.data->>'effectiveState' = 'exposed' AND v.data->>'status' <> 'deleted'`;
  return rows.map(({ data: a }) => ({
    externalId: a.externalId,
    name: a.name,
    ownerEmail: a.ownerEmail,
    legs: Object.entries(a.legs ?? {})
      .filter(([, apps]) => apps.length > 0)
      .map(([leg]) => leg),
    reasons: Object.entries(a.legs ?? {})
      .map(([leg, apps]) => `${leg.replace('_', ' ')}: ${apps.join(', ')}`)
      .concat(a.breakApps?.length ? [`removing ${a.breakApps.join(' or ')} would break the trifecta`] : []),
  }));
}
