// Workspaces: the ChatGPT workspaces or organizations this install governs.
import type { Db } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/http/app-error.ts';

export type WorkspaceInput = { id: string; name: string; kind: 'workspace' | 'organization'; principal: string | null };

export async function listWorkspaces(db: Db) {
  return db.workspace.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, kind: true, principal: true, createdAt: true },
  });
}

/** `now`: when it is created (the demo seed dates its workspace before its history); server-side only. */
export async function createWorkspace(db: Db, actor: Actor, input: WorkspaceInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    if (await tx.workspace.findUnique({ where: { id: input.id } }))
      throw new AppError('conflict', `A workspace with id ${input.id} already exists.`);
    if (input.principal && (await tx.workspace.findUnique({ where: { principal: input.principal } }))) {
      throw new AppError(
        'conflict',
        `Compliance API principal ${input.principal} is already governed by another workspace.`,
      );
    }
    const workspace = await tx.workspace.create({ data: { ...input, createdAt: now } });
    await recordAudit(tx, actor, {
      action: 'workspace.create',
      targetType: 'workspace',
      targetId: workspace.id,
      workspaceId: workspace.id,
      diff: { after: input },
      at: now,
    });
    return workspace;
  });
}

/** Resolves `--workspace ID` for CLI commands: the given one, or the only one. */
export async function resolveWorkspace(db: Db, id: string | undefined) {
  if (id) {
    const ws = await db.workspace.findUnique({ where: { id } });
    if (!ws) throw new AppError('not_found', `No workspace with id ${id} (see \`tollgate workspaces\`).`);
    return ws;
  }
  const all = await db.workspace.findMany({ take: 2 });
  if (all.length === 1) return all[0]!;
  throw new AppError(
    'bad_request',
    all.length ? 'Several workspaces exist: choose one with --workspace ID.' : 'No workspace exists yet.',
  );
}
