// Path parameters of the alerts operations, read from the demo workspace (see test/api-params.ts).
import type { Db } from '@/lib/db.ts';
import { DEMO_WORKSPACE } from '@/lib/seed/demo.ts';

export const alertsParams: Record<string, (db: Db) => Promise<string>> = {
  alert_id: async (db) =>
    (
      await db.alert.findFirstOrThrow({
        where: { workspaceId: DEMO_WORKSPACE.id },
        orderBy: [{ at: 'desc' }, { id: 'asc' }],
        select: { id: true },
      })
    ).id,
};
