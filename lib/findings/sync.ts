// Keeps the stored findings in step with the workspace: evaluate, then open, refresh, resolve and reopen
// rows, each change versioned, one summary audit event when anything changed. Call it at the end of any
// transaction that changes the roster, the role matrix, action controls or exceptions.
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { canonicalJson } from '@/lib/audit/chain.ts';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '@/lib/audit/record.ts';
import type { VersionInput } from '@/lib/history/versions.ts';
import { defaultDueAt } from './due.ts';
import { evaluateFindings } from './evaluate.ts';
import { loadFindingsSnapshot } from './snapshot.ts';
import { insertFindings, insertVersions, updateFindings } from './sync-write.ts';
import { findingEvent } from '@/lib/webhooks/events.ts';
import { enqueueWebhookEvent } from '@/lib/webhooks/outbox.ts';
import type { FindingDraft } from './types.ts';

export type SyncFindingsResult = {
  opened: string[];
  reopened: string[];
  updated: string[];
  resolved: string[];
  open: number;
};

export type FindingRow = Prisma.FindingGetPayload<object>;

/** The state a version records (and the finding page's history shows). */
export function findingVersionData(f: FindingRow) {
  return {
    key: f.key,
    control: f.control,
    kind: f.kind,
    subjectType: f.subjectType,
    subjectId: f.subjectId,
    subjectLabel: f.subjectLabel,
    message: f.message,
    cause: f.cause,
    status: f.status,
    owner: f.owner,
    dueAt: f.dueAt,
    firstSeenAt: f.firstSeenAt,
    resolvedAt: f.resolvedAt,
  };
}

function refreshed(row: FindingRow, d: FindingDraft): boolean {
  return (
    row.control !== d.control ||
    row.kind !== d.kind ||
    row.subjectType !== d.subjectType ||
    row.subjectId !== d.subjectId ||
    row.subjectLabel !== d.subjectLabel ||
    row.message !== d.message ||
    canonicalJson(row.cause) !== canonicalJson(d.cause)
  );
}

const LIST_LIMIT = 50;
const UPDATE_CHUNK = 10_000;

export async function syncFindings(
  tx: Tx,
  workspaceId: string,
  now: Date,
  actor: Actor = SYSTEM_ACTOR,
): Promise<SyncFindingsResult> {
  await lockFindings(tx, workspaceId);
  const snapshot = await loadFindingsSnapshot(tx, workspaceId, now);
  const drafts = evaluateFindings(snapshot);
  const existing = await tx.finding.findMany({ where: { workspaceId } });
  return applyDrafts(tx, workspaceId, now, actor, drafts, existing);
}

/** Two syncs of one workspace never interleave (each would resolve what the other opened). */
export async function lockFindings(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`findings:${workspaceId}`}))`;
}

/** Brings `existingRows` in step with `drafts`: a row whose key has no draft is resolved, so the rows passed in
 *  must be exactly those the drafts could produce (the whole workspace, or the GPT findings of some GPTs). */
export async function applyDrafts(
  tx: Tx,
  workspaceId: string,
  now: Date,
  actor: Actor,
  drafts: FindingDraft[],
  existingRows: FindingRow[],
): Promise<SyncFindingsResult> {
  const existing = new Map(existingRows.map((f) => [f.key, f]));
  const result: SyncFindingsResult = { opened: [], reopened: [], updated: [], resolved: [], open: drafts.length };
  const seen = new Set<string>();
  const stillOpen: string[] = [];
  // Rows as they will be stored, ids included: written in bulk (sync-write.ts), their versions from the same rows.
  const created: FindingRow[] = [];
  const changed: FindingRow[] = [];

  for (const d of drafts) {
    seen.add(d.key);
    const row = existing.get(d.key);
    const fields = {
      control: d.control,
      kind: d.kind,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      subjectLabel: d.subjectLabel,
      message: d.message,
      cause: d.cause as Prisma.JsonObject,
    };
    if (!row) {
      created.push({
        id: randomUUID(),
        workspaceId,
        key: d.key,
        ...fields,
        status: 'open',
        owner: d.owner ?? null,
        dueAt: defaultDueAt(d, now),
        firstSeenAt: now,
        lastSeenAt: now,
        resolvedAt: null,
        updatedAt: now,
      });
      result.opened.push(d.key);
    } else if (row.status === 'resolved') {
      // Back again: a new due date from now (the old one may be long past); owner and first sighting kept.
      changed.push({
        ...row,
        ...fields,
        status: 'open',
        resolvedAt: null,
        dueAt: defaultDueAt(d, now),
        lastSeenAt: now,
        updatedAt: now,
      });
      result.reopened.push(d.key);
    } else if (refreshed(row, d)) {
      changed.push({ ...row, ...fields, lastSeenAt: now, updatedAt: now });
      result.updated.push(d.key);
    } else {
      stillOpen.push(row.id);
    }
  }
  await updateFindings(tx, changed);
  await insertFindings(tx, created);
  // Seen again, unchanged: only the last sighting moves (not a change worth a version). In chunks: a large GPT
  // tenant keeps hundreds of thousands open. One array parameter, not one bound parameter per id.
  for (let i = 0; i < stillOpen.length; i += UPDATE_CHUNK)
    await tx.$executeRaw`UPDATE "Finding" SET "lastSeenAt" = ${now}
      WHERE id = ANY(${stillOpen.slice(i, i + UPDATE_CHUNK)}::text[])`;

  // Gone: resolved in bulk (a policy change can resolve thousands at once), each with its version.
  const gone = [...existing.values()].filter((row) => !seen.has(row.key) && row.status === 'open');
  for (let i = 0; i < gone.length; i += UPDATE_CHUNK)
    await tx.$executeRaw`UPDATE "Finding" SET status = 'resolved', "resolvedAt" = ${now}, "updatedAt" = ${now}
      WHERE id = ANY(${gone.slice(i, i + UPDATE_CHUNK).map((row) => row.id)}::text[])`;
  const resolved = gone.map((row) => ({ ...row, status: 'resolved', resolvedAt: now, updatedAt: now }));
  for (const row of gone) result.resolved.push(row.key);

  // In the order the client calls wrote them before: changed, then created, then resolved.
  const versions: VersionInput[] = [...changed, ...created, ...resolved].map((saved) => ({
    workspaceId,
    entity: 'finding',
    entityId: saved.id,
    at: now,
    data: findingVersionData(saved),
  }));
  await insertVersions(tx, versions);
  const reopened = new Set(result.reopened);
  await enqueueWebhookEvent(
    tx,
    workspaceId,
    [
      ...[...created, ...changed.filter((r) => reopened.has(r.key))].map((f) => findingEvent('finding.opened', f)),
      ...resolved.map((f) => findingEvent('finding.closed', f)),
    ],
    now,
  );
  if (versions.length > 0) {
    const list = (keys: string[]) =>
      keys.length > LIST_LIMIT ? [...keys.slice(0, LIST_LIMIT), `… ${keys.length - LIST_LIMIT} more`] : keys;
    await recordAudit(tx, actor, {
      action: 'findings.sync',
      targetType: 'workspace',
      targetId: workspaceId,
      workspaceId,
      at: now,
      diff: {
        open: result.open,
        opened: list(result.opened),
        reopened: list(result.reopened),
        updated: list(result.updated),
        resolved: list(result.resolved),
      },
    });
  }
  return result;
}
