// The published-agents register (guide 6.3, 6.7): every approved configuration with its approvers and effective
// date. Entries are kept when superseded, so the register as it stood on any date can be shown as evidence.
import { containsText } from '@/lib/db/text-match.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { Db } from '@/lib/db.ts';

export type RegisterFilter = { q?: string; approver?: string; show?: 'current' | 'all' };

export function parseRegisterFilter(params: Record<string, string | string[] | undefined>): RegisterFilter {
  const one = (k: string) => (typeof params[k] === 'string' ? (params[k] as string).trim().slice(0, 200) : '');
  return {
    q: one('q') || undefined,
    approver: one('approver') || undefined,
    show: one('show') === 'all' ? 'all' : 'current',
  };
}

function where(workspaceId: string, f: RegisterFilter): Prisma.RegisterEntryWhereInput {
  return {
    workspaceId,
    ...(f.show !== 'all' ? { supersededAt: null } : {}),
    ...(f.q
      ? {
          OR: [{ externalId: containsText(f.q) }, { agentName: containsText(f.q) }, { ownerEmail: containsText(f.q) }],
        }
      : {}),
    ...(f.approver ? { approvers: { has: f.approver } } : {}),
  };
}

export async function listRegister(db: Db, workspaceId: string, f: RegisterFilter, take = 500) {
  return db.registerEntry.findMany({
    where: where(workspaceId, f),
    orderBy: [{ effectiveAt: 'desc' }, { id: 'asc' }],
    take,
  });
}

/** Up to `take` entries after the keyset `after` ([effectiveAt ISO, id]), newest first: for the API's pages. */
export async function registerPage(
  db: Db,
  workspaceId: string,
  f: RegisterFilter,
  after: [string, string] | null,
  take: number,
) {
  const at = after ? new Date(after[0]) : null;
  const base = where(workspaceId, f);
  return db.registerEntry.findMany({
    where: at
      ? { AND: [base, { OR: [{ effectiveAt: { lt: at } }, { effectiveAt: at, id: { lt: after![1] } }] }] }
      : base,
    orderBy: [{ effectiveAt: 'desc' }, { id: 'desc' }],
    take,
  });
}

/** Every matching entry, oldest first, in pages: for the CSV export. */
export async function* registerForExport(db: Db, workspaceId: string, f: RegisterFilter) {
  let cursor: string | undefined;
  for (;;) {
    const page = await db.registerEntry.findMany({
      where: where(workspaceId, f),
      orderBy: { id: 'asc' },
      take: 1000,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    yield* page;
    if (page.length < 1000) return;
    cursor = page.at(-1)!.id;
  }
}

export async function registerApprovers(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db.$queryRaw<
    { approver: string }[]
  >`SELECT DISTINCT unnest(approvers) AS approver FROM "RegisterEntry" WHERE "workspaceId" = ${workspaceId} ORDER BY 1`;
  return rows.map((r) => r.approver);
}
