// Path parameters of the exceptions operations, read from the demo workspace (see test/api-params.ts).
import type { Db } from '@/lib/db.ts';
import { DEMO_WORKSPACE } from '@/lib/seed/demo.ts';

export const exceptionsParams: Record<string, (db: Db) => Promise<string>> = {
  exception_id: async (db) =>
    (
      await db.exception.findFirstOrThrow({
        where: { workspaceId: DEMO_WORKSPACE.id },
        orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
        select: { id: true },
      })
    ).id,
};
