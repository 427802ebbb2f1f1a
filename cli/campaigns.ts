// `tollgate campaigns [--json] [--workspace ID]`: the workspace's access-review campaigns, oldest first, with
// progress per reviewer and every item's decision. --json prints one array of {id, name, status, overdue, scopes,
// starts_at, due_at, ended_at, recurrence_days, progress:[…], items:[{key, scope, label, holder, reviewer,
// decision, reassign_to, reason, decided_by, decided_at}]}, items sorted by key. Exit 0.
import { campaignsJson } from '@/lib/campaigns/queries.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';

export type CampaignsOptions = { json: boolean; workspace?: string };

export async function campaignsCommand(options: CampaignsOptions): Promise<number> {
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, options.workspace);
    const campaigns = await campaignsJson(db, workspace.id, new Date());
    if (options.json) {
      console.log(JSON.stringify(campaigns));
      return 0;
    }
    if (campaigns.length === 0) {
      console.log(`No access-review campaign in ${workspace.id}.`);
      return 0;
    }
    for (const c of campaigns) {
      const decided = c.items.filter((i) => i.decision !== null).length;
      const state = c.overdue ? `${c.status}, overdue` : c.status;
      console.log(`${c.name}\t${state}\tdue ${c.due_at.slice(0, 10)}\t${decided}/${c.items.length} decided`);
      for (const p of c.progress) console.log(`  ${p.reviewer}\t${p.decided}/${p.total}`);
    }
    return 0;
  });
}
