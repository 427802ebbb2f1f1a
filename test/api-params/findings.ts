// Path parameters of the findings operations, read from the demo workspace (see test/api-params.ts).
import type { Db } from '@/lib/db.ts';
import { DEMO_WORKSPACE } from '@/lib/seed/demo.ts';

export const findingsParams: Record<string, (db: Db) => Promise<string>> = {
  // An open finding: the contract test assigns it with the documented example.
  finding_id: async (db) =>
    (
      await db.finding.findFirstOrThrow({
        where: { workspaceId: DEMO_WORKSPACE.id, status: 'open' },
        orderBy: { key: 'asc' },
        select: { id: true },
      })
    ).id,
};
