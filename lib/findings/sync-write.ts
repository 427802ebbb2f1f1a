// Bulk writes of a findings sync: one INSERT … SELECT FROM unnest() or UPDATE … FROM unnest() per chunk, rows and
// their versions built in memory (ids included) so nothing is read back. A first GPT read of a large tenant opens
// hundreds of thousands of findings: client calls that returned every row and copied every version through JSON
// cost about a millisecond a finding (bench/RESULTS.md §7); these statements cost a few microseconds a row.
import type { Tx } from '@/lib/db.ts';
import type { VersionInput } from '@/lib/history/versions.ts';
import type { FindingRow } from './sync.ts';

const CHUNK = 5_000;
const json = (value: unknown) => JSON.stringify(value ?? null);
const iso = (d: Date | null) => d?.toISOString() ?? null;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** New findings, as built (their ids too). */
export async function insertFindings(tx: Tx, rows: FindingRow[]): Promise<void> {
  await inChunks(rows, (chunk) =>
    tx.$executeRawUnsafe(
      `INSERT INTO "Finding" (id, "workspaceId", key, control, kind, "subjectType", "subjectId", "subjectLabel",
         message, cause, status, owner, "dueAt", "firstSeenAt", "lastSeenAt", "resolvedAt", "updatedAt")
       SELECT u.id, u.ws, u.key, u.control, u.kind, u.subject_type, u.subject_id, u.label, u.message, u.cause::jsonb,
         u.status, u.owner, u.due::timestamptz, u.first::timestamptz, u.last::timestamptz, u.resolved::timestamptz,
         u.updated::timestamptz
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
         $17::text[])
         AS u(id, ws, key, control, kind, subject_type, subject_id, label, message, cause, status, owner, due, first,
           last, resolved, updated)`,
      ...columns(chunk),
    ),
  );
}

/** Findings whose fields changed (refreshed or reopened), each set to the row as built. */
export async function updateFindings(tx: Tx, rows: FindingRow[]): Promise<void> {
  await inChunks(rows, (chunk) =>
    tx.$executeRawUnsafe(
      `UPDATE "Finding" f SET control = u.control, kind = u.kind, "subjectType" = u.subject_type,
         "subjectId" = u.subject_id, "subjectLabel" = u.label, message = u.message, cause = u.cause::jsonb,
         status = u.status, owner = u.owner, "dueAt" = u.due::timestamptz, "firstSeenAt" = u.first::timestamptz,
         "lastSeenAt" = u.last::timestamptz, "resolvedAt" = u.resolved::timestamptz,
         "updatedAt" = u.updated::timestamptz
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
         $17::text[])
         AS u(id, ws, key, control, kind, subject_type, subject_id, label, message, cause, status, owner, due, first,
           last, resolved, updated)
       WHERE f.id = u.id AND f."workspaceId" = u.ws`,
      ...columns(chunk),
    ),
  );
}

function columns(rows: FindingRow[]) {
  const col = <V>(pick: (row: FindingRow) => V) => rows.map(pick);
  return [
    col((r) => r.id),
    col((r) => r.workspaceId),
    col((r) => r.key),
    col((r) => r.control),
    col((r) => r.kind),
    col((r) => r.subjectType),
    col((r) => r.subjectId),
    col((r) => r.subjectLabel),
    col((r) => r.message),
    col((r) => json(r.cause)),
    col((r) => r.status),
    col((r) => r.owner),
    col((r) => iso(r.dueAt)),
    col((r) => iso(r.firstSeenAt)),
    col((r) => iso(r.lastSeenAt)),
    col((r) => iso(r.resolvedAt)),
    col((r) => iso(r.updatedAt)),
  ];
}

/** The versions of a sync in one statement per chunk (what recordVersions writes, without a JSON copy each): one JSON
 *  document read by jsonb_to_recordset, since as text[] every quote of every version was escaped again. */
export async function insertVersions(tx: Tx, versions: VersionInput[]): Promise<void> {
  await inChunks(versions, (chunk) =>
    tx.$executeRawUnsafe(
      `INSERT INTO "RecordVersion" ("workspaceId", entity, "entityId", at, data)
       SELECT u.ws, u.entity, u.entity_id, u.at::timestamptz, u.data
       FROM jsonb_to_recordset($1::jsonb) AS u(ws text, entity text, entity_id text, at text, data jsonb)`,
      JSON.stringify(
        chunk.map((v) => ({
          ws: v.workspaceId,
          entity: v.entity,
          entity_id: v.entityId,
          at: v.at.toISOString(),
          data: v.data,
        })),
      ),
    ),
  );
}
