// `tollgate actions [--json] [--workspace ID]`: the platform actions (unpublish, isolate, delete…) newest first.
// --json prints one array of {id, kind, target, status, reason, requested_by, requested_at, approved_by,
// attempts:[{number, started_at, status, error}], answer_status, outcome, confirmed_event_id, confirmed_at}. Exit 0.
import { actionsJson } from '@/lib/platform/actions-json.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';

export async function actionsCommand(options: { json: boolean; workspace?: string }): Promise<number> {
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, options.workspace);
    const actions = await actionsJson(db, workspace.id);
    if (options.json) {
      console.log(JSON.stringify(actions));
      return 0;
    }
    if (actions.length === 0) console.log(`No platform action in ${workspace.id}.`);
    for (const a of actions) {
      const confirmed = a.confirmed_event_id ? `confirmed by ${a.confirmed_event_id}` : '';
      console.log([a.requested_at, a.kind, a.target.id, a.status, a.requested_by, confirmed].join('\t'));
    }
    return 0;
  });
}
