// Path parameters of the agents operations, read from the demo workspace (see test/api-params.ts).
import type { Db } from '@/lib/db.ts';
import { DEMO_WORKSPACE } from '@/lib/seed/demo.ts';

// "Meeting prep" (Calendar alone lights all three legs): published, in no other demo scenario, so the contract
// test's suspend and restore (run once, in that order) find it suspendable, then suspended.
const AGENT = 'agt_tg5yqws7xdl5uavc';

export const agentsParams: Record<string, (db: Db) => Promise<string>> = {
  agent_id: async (db) => {
    const agent = await db.agent.findUniqueOrThrow({
      where: { workspaceId_externalId: { workspaceId: DEMO_WORKSPACE.id, externalId: AGENT } },
      select: { externalId: true },
    });
    return agent.externalId;
  },
  // The latest upload: the demo's second export (committed) while the reads run, then the contract test's own
  // preview when its commit runs.
  import_id: async (db) => {
    const latest = await db.inventoryImport.findFirstOrThrow({
      where: { workspaceId: DEMO_WORKSPACE.id },
      orderBy: [{ uploadedAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    return latest.id;
  },
};
