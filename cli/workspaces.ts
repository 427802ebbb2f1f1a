// `tollgate workspaces` lists the governed workspaces; `tollgate workspaces add` registers one through the same
// service as Settings' "Add a workspace", so a headless install needs no browser. Exit 0 added, 1 refused
// (the id or principal is taken), 2 bad input.
import { applyPrincipal } from '@/lib/logs/pipeline.ts';
import { createWorkspace, listWorkspaces } from '@/lib/workspaces/service.ts';
import { workspaceSchema } from '@/lib/workspaces/schemas.ts';
import { withDatabase } from './context.ts';
import { cliActor } from './file-import.ts';

export async function workspacesCommand(options: { json: boolean }): Promise<number> {
  return withDatabase(async ({ db }) => {
    const rows = await listWorkspaces(db);
    if (options.json) console.log(JSON.stringify(rows.map((w) => ({ id: w.id, name: w.name }))));
    else if (rows.length === 0) console.log('No workspaces.');
    else for (const w of rows) console.log(`${w.id}\t${w.name}`);
    return 0;
  });
}

export type WorkspacesAddOptions = {
  json: boolean;
  id: string;
  name: string;
  organization: boolean;
  principal?: string;
};

export async function workspacesAddCommand(options: WorkspacesAddOptions): Promise<number> {
  const parsed = workspaceSchema.safeParse({
    id: options.id,
    name: options.name,
    kind: options.organization ? 'organization' : 'workspace',
    principal: options.principal ?? '',
  });
  if (!parsed.success) {
    console.error(`tollgate workspaces add: ${parsed.error.issues.map((i) => i.message).join(' ')}`);
    return 2;
  }
  const input = parsed.data;
  return withDatabase(async ({ db }) => {
    const workspace = await createWorkspace(db, cliActor(), input);
    // As in Settings: Compliance Logs held for this principal until now become the workspace's agents and alerts.
    const applied = input.principal ? await applyPrincipal(db, input.principal) : null;
    if (options.json) {
      console.log(
        JSON.stringify({
          id: workspace.id,
          name: workspace.name,
          kind: workspace.kind,
          principal: workspace.principal,
        }),
      );
    } else {
      console.log(`Workspace ${workspace.name} (${workspace.id}) added.`);
      if (applied && (applied.agents || applied.alerts))
        console.log(
          `Held Compliance Logs applied: ${applied.agents} agent(s) updated, ${applied.alerts} new alert(s).`,
        );
    }
    return 0;
  });
}
