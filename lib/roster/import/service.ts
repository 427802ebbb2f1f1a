// Members import (admin console export): upload → preview (nothing changes) → commit (all-or-nothing) or
// discard — the same rules as the agent import (lib/agents/import/service.ts).
import { createHash } from 'node:crypto';
import type { Db, Tx } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { syncFindings as syncAllFindings } from '@/lib/findings/sync.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { parseMembers, type MemberRowError } from '@/lib/roster/members-csv.ts';
import { versionGroups, versionMembers } from '@/lib/roster/versions.ts';
import { diffRoster, type ExistingMember, type MemberChange, type RosterDiff } from './diff.ts';
import { writeRoster } from './write.ts';

export const MAX_MEMBER_IMPORT_BYTES = 32 * 1024 * 1024;
const SAMPLE = 200;
const MAX_ERRORS_KEPT = 10_000;

export type MemberImportCounts = {
  created: number;
  changed: number;
  unchanged: number;
  removed: number;
  scimKept: number;
};

export type MemberImportPreview = {
  rows: number;
  fatal: { line: number; reason: string } | null;
  errorCount: number;
  errors: MemberRowError[];
  counts: MemberImportCounts;
  created: { email: string; name: string | null; role: string; status: string; groups: string[] }[];
  changed: { email: string; changes: MemberChange[] }[];
  removed: { email: string; name: string | null }[];
  scimKept: RosterDiff['scimKept'];
  newGroups: string[];
};

export type MemberImportOutcome = MemberImportCounts & {
  skipped: MemberRowError[];
  skippedCount: number;
  groupsCreated: string[];
};

export type SyncFindings = (tx: Tx, workspaceId: string, now: Date, actor: Actor) => Promise<unknown>;

export async function previewMemberImport(
  db: Db,
  actor: Actor,
  workspaceId: string,
  file: { filename: string; content: Buffer; fullExport: boolean },
  now = new Date(),
) {
  if (file.content.length > MAX_MEMBER_IMPORT_BYTES)
    throw new AppError('too_large', `The file is larger than ${MAX_MEMBER_IMPORT_BYTES / 1024 / 1024} MB.`);
  if (!(await db.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
    throw new AppError('not_found', `No workspace ${workspaceId}.`);
  const parsed = parseMembers(file.content);
  const existing = await loadExisting(db, workspaceId);
  const diff = diffRoster(
    existing,
    parsed.fatal ? [] : parsed.rows,
    file.fullExport && !parsed.fatal,
    listedEmails(parsed.errors),
  );
  const preview: MemberImportPreview = {
    rows: parsed.rows.length + parsed.errors.length,
    fatal: parsed.fatal,
    errorCount: parsed.errors.length,
    errors: parsed.errors.slice(0, MAX_ERRORS_KEPT),
    counts: countsOf(diff),
    created: diff.created
      .slice(0, SAMPLE)
      .map((r) => ({ email: r.email, name: r.name, role: r.role, status: r.status, groups: r.groups })),
    changed: diff.changed.slice(0, SAMPLE).map((c) => ({ email: c.row.email, changes: c.changes })),
    removed: diff.removed.slice(0, SAMPLE).map((m) => ({ email: m.email, name: m.name })),
    scimKept: diff.scimKept.slice(0, SAMPLE),
    newGroups: (await newGroupNames(db, workspaceId, diff)).slice(0, SAMPLE),
  };
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return db.memberImport.create({
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

export async function getMemberImport(db: Db, workspaceId: string, importId: string) {
  const row = await db.memberImport.findFirst({
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
  return { ...row, preview: row.preview as MemberImportPreview, outcome: row.outcome as MemberImportOutcome | null };
}

export async function listMemberImports(db: Db, workspaceId: string) {
  const rows = await db.memberImport.findMany({
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
  return rows.map((r) => ({
    ...r,
    preview: r.preview as MemberImportPreview,
    outcome: r.outcome as MemberImportOutcome | null,
  }));
}

export async function discardMemberImport(db: Db, actor: Actor, workspaceId: string, importId: string) {
  await db.$transaction(async (tx) => {
    const updated = await tx.memberImport.updateMany({
      where: { id: importId, workspaceId, status: 'preview' },
      data: { status: 'discarded' },
    });
    if (updated.count === 0) throw new AppError('conflict', 'Only an import still in preview can be discarded.');
    await recordAudit(tx, actor, {
      action: 'roster.import_discard',
      targetType: 'member_import',
      targetId: importId,
      workspaceId,
    });
  });
}

/**
 * Commits in one transaction under the workspace's roster lock. The findings (lib/findings/sync.ts) are
 * re-evaluated last inside the same transaction, so the findings never disagree with the roster they were computed
 * from.
 */
export async function commitMemberImport(
  db: Db,
  actor: Actor,
  workspaceId: string,
  importId: string,
  options: { skipInvalid: boolean; now?: Date; syncFindings?: SyncFindings },
) {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`roster:${workspaceId}`}))`;
      // And SCIM's lock (lib/scim/records.ts): no SCIM write lands between the checks below and the writes.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`scim:${workspaceId}`}))`;
      const record = await tx.memberImport.findFirst({ where: { id: importId, workspaceId } });
      if (!record) throw new AppError('not_found', 'No such import in this workspace.');
      if (record.status !== 'preview') throw new AppError('conflict', `This import was already ${record.status}.`);
      if (record.baseline !== (await baseline(tx, workspaceId)))
        throw new AppError(
          'conflict',
          'The roster changed since this preview (another import, or SCIM?). ' +
            'Upload the file again to preview the changes.',
        );
      const parsed = parseMembers(Buffer.from(record.content));
      if (parsed.fatal)
        throw new AppError('unprocessable', `Line ${parsed.fatal.line}: ${parsed.fatal.reason}. Nothing was imported.`);
      if (parsed.errors.length && !options.skipInvalid)
        throw new AppError(
          'unprocessable',
          `${parsed.errors.length} invalid row(s). Fix the file, or choose to skip them. Nothing was imported.`,
        );

      const at = options.now ?? new Date();
      const diff = diffRoster(
        await loadExisting(tx, workspaceId),
        parsed.rows,
        record.fullExport,
        listedEmails(parsed.errors),
      );
      const written = await writeRoster(tx, workspaceId, diff, at);
      await versionMembers(tx, workspaceId, written.memberIds, at);
      await versionGroups(tx, workspaceId, written.groupIds, at);
      await (options.syncFindings ?? syncAllFindings)(tx, workspaceId, at, actor);

      const outcome: MemberImportOutcome = {
        ...countsOf(diff),
        skipped: parsed.errors.slice(0, MAX_ERRORS_KEPT),
        skippedCount: parsed.errors.length,
        groupsCreated: written.groupsCreated,
      };
      await tx.memberImport.update({
        where: { id: importId },
        data: { status: 'committed', outcome, committedAt: at, committedBy: actor.label },
        select: { id: true }, // not the stored file back (up to 32 MB)
      });
      const { skipped: _rows, skippedCount, groupsCreated, ...counts } = outcome;
      await recordAudit(tx, actor, {
        action: 'roster.import',
        targetType: 'member_import',
        targetId: importId,
        workspaceId,
        diff: {
          filename: record.filename,
          sha256: record.sha256,
          fullExport: record.fullExport,
          ...counts,
          skipped: skippedCount,
          groupsCreated: groupsCreated.slice(0, 50),
        },
        at,
      });
      return outcome;
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}

function countsOf(diff: RosterDiff): MemberImportCounts {
  return {
    created: diff.created.length,
    changed: diff.changed.length,
    unchanged: diff.unchanged,
    removed: diff.removed.length,
    scimKept: diff.scimKept.length,
  };
}

function listedEmails(errors: MemberRowError[]): string[] {
  return errors.flatMap((e) => (e.email ? [e.email] : []));
}

/** Groups the commit would create (named by CSV members, unknown to the workspace). */
async function newGroupNames(db: Db, workspaceId: string, diff: RosterDiff): Promise<string[]> {
  const known = new Set(
    (await db.group.findMany({ where: { workspaceId }, select: { displayName: true } })).map((g) =>
      g.displayName.toLowerCase(),
    ),
  );
  const wanted = new Map<string, string>();
  for (const row of diff.created)
    for (const g of row.groups)
      if (!known.has(g.toLowerCase())) wanted.set(g.toLowerCase(), wanted.get(g.toLowerCase()) ?? g);
  for (const c of diff.changed)
    if (c.changes.some((x) => x.field === 'groups'))
      for (const g of c.row.groups)
        if (!known.has(g.toLowerCase())) wanted.set(g.toLowerCase(), wanted.get(g.toLowerCase()) ?? g);
  return [...wanted.values()].sort();
}

async function loadExisting(db: Db | Tx, workspaceId: string): Promise<Map<string, ExistingMember>> {
  const rows = await db.member.findMany({
    where: { workspaceId },
    select: {
      id: true,
      email: true,
      name: true,
      workspaceRole: true,
      status: true,
      directAgentRoles: true,
      identitySource: true,
      groups: { select: { group: { select: { displayName: true } } } },
    },
  });
  return new Map(rows.map(({ groups, ...r }) => [r.email, { ...r, groups: groups.map((g) => g.group.displayName) }]));
}

/** A fingerprint of the roster: any write since the preview (import, SCIM) changes it. */
async function baseline(db: Db | Tx, workspaceId: string): Promise<string> {
  const [members, groups, links] = await Promise.all([
    db.member.aggregate({ where: { workspaceId }, _count: { _all: true }, _max: { updatedAt: true } }),
    db.group.aggregate({ where: { workspaceId }, _count: { _all: true }, _max: { updatedAt: true } }),
    db.groupMember.count({ where: { group: { workspaceId } } }),
  ]);
  const part = (a: { _count: { _all: number }; _max: { updatedAt: Date | null } }) =>
    `${a._count._all}:${a._max.updatedAt?.toISOString() ?? '-'}`;
  return `${part(members)}:${part(groups)}:${links}`;
}
