// Path parameters of the reviews operations, read from the demo workspace (see test/api-params.ts).
import type { Db } from '@/lib/db.ts';
import { DEMO_WORKSPACE } from '@/lib/seed/demo.ts';

export const reviewsParams: Record<string, (db: Db) => Promise<string>> = {
  decision_id: async (db) =>
    (
      await db.reviewDecision.findFirstOrThrow({
        where: { workspaceId: DEMO_WORKSPACE.id },
        orderBy: { decidedAt: 'desc' },
        select: { id: true },
      })
    ).id,
};
