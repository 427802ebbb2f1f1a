// Reading helpers shared by the evidence sets: "as of" from the change log (RecordVersion) in keyset pages,
// the end of a "changes" window, and value normalisation so that the same data always gives the same rows.
import type { Db } from '@/lib/db.ts';
import type { VersionedEntity } from '@/lib/history/versions.ts';
import type { SetContext } from './types.ts';

/** Rows read per query: a set never holds more than one page of rows in memory. */
export const PAGE = 5000;

export const DAY_MS = 86_400_000;

/** Code-unit order: the same in every locale (localeCompare is not). */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The end of a "changes" window: the period's `to`, or `asOf` when that is earlier (a period still running is
 * read up to the instant the pack speaks for, so two downloads in a row give the same files).
 */
export function changesEnd(ctx: SetContext): Date {
  return ctx.asOf.getTime() < ctx.period.to.getTime() ? ctx.asOf : ctx.period.to;
}

/** Whether a record's instant falls before `asOf` (what "as of" counts: `asOf` itself is excluded). */
export function before(at: Date | null | undefined, asOf: Date): boolean {
  return at != null && at.getTime() < asOf.getTime();
}

/**
 * A timestamp as an ISO string (UTC, milliseconds), whatever wrote it: a Date, an ISO string from JSON.stringify,
 * or PostgreSQL's jsonb text of a timestamptz ("2026-03-02T09:00:00.123+00:00", offset by the session time zone).
 */
export function iso(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? String(value) : d.toISOString();
}

export function date(value: unknown): Date | null {
  const text = iso(value);
  return text === null ? null : new Date(text);
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Stored evidence as auditors need it: the link, or the file's name, size and SHA-256 — never its bytes. */
export function evidenceColumns(e: {
  evidenceUrl?: string | null;
  filename?: string | null;
  size?: number | null;
  sha256?: string | null;
}) {
  return {
    evidenceUrl: e.evidenceUrl ?? null,
    evidenceFile: e.filename ?? null,
    evidenceBytes: e.size ?? null,
    evidenceSha256: e.sha256 ?? null,
  };
}

export const EVIDENCE_COLUMNS = ['evidenceUrl', 'evidenceFile', 'evidenceBytes', 'evidenceSha256'];

export type Version<T> = { entityId: string; at: Date; data: T };

/**
 * Rows in pages after the last row's key (keyset paging): never more than one page in memory, each page one index
 * range.
 */
export async function* keyset<T, K>(
  start: K,
  fetch: (after: K) => Promise<T[]>,
  keyOf: (row: T) => K,
  size = PAGE,
): AsyncIterable<T> {
  let after = start;
  for (;;) {
    const rows = await fetch(after);
    yield* rows;
    if (rows.length < size) return;
    after = keyOf(rows.at(-1)!);
  }
}

/**
 * Every record of one kind as it stood just before `asOf` (its latest version at an earlier instant; deleted
 * ones left out), in entity-id order, read in keyset pages of DISTINCT ON over the (workspace, entity, id, at) index.
 */
export async function* latestVersions<T>(
  db: Db,
  workspaceId: string,
  entity: VersionedEntity,
  asOf: Date,
  page = PAGE,
): AsyncIterable<Version<T>> {
  const rows = keyset(
    '',
    (after) => db.$queryRaw<{ entityId: string; at: Date; data: T | null }[]>`
      SELECT DISTINCT ON ("entityId") "entityId", at, data FROM "RecordVersion"
      WHERE "workspaceId" = ${workspaceId} AND entity = ${entity} AND at < ${asOf.toISOString()}::timestamptz
      AND "entityId" > ${after}
      ORDER BY "entityId", at DESC, id DESC
      LIMIT ${page}`,
    (r) => r.entityId,
    page,
  );
  for await (const r of rows) if (r.data !== null) yield { entityId: r.entityId, at: r.at, data: r.data };
}

/** Every record of one kind as of `asOf`, in memory: for the small sets (roles, action controls, exceptions). */
export async function allVersions<T>(
  db: Db,
  workspaceId: string,
  entity: VersionedEntity,
  asOf: Date,
): Promise<Version<T>[]> {
  const out: Version<T>[] = [];
  for await (const v of latestVersions<T>(db, workspaceId, entity, asOf)) out.push(v);
  return out;
}

/** Keeps a row when the pack is not scoped to controls, or when its control is one of the pack's. */
export function inScope(ctx: SetContext, control: string): boolean {
  return !ctx.controls || ctx.controls.includes(control);
}
