// `tollgate scim-token create --workspace ID [--label L]`: a new SCIM bearer token for scripted IdP
// setup, printed once (only its SHA-256 is stored). --json prints {id, workspace, label, prefix, token}.
import { createScimToken } from '@/lib/scim/tokens.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';
import { cliActor } from './file-import.ts';

export type ScimTokenOptions = { json: boolean; workspace: string; label?: string };

export async function scimTokenCommand(options: ScimTokenOptions): Promise<number> {
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, options.workspace);
    const created = await createScimToken(db, cliActor(), {
      workspaceId: workspace.id,
      label: options.label ?? 'IdP provisioning',
    });
    if (options.json) {
      console.log(
        JSON.stringify({
          id: created.id,
          workspace: created.workspaceId,
          label: created.label,
          prefix: created.prefix,
          token: created.token,
        }),
      );
    } else {
      console.log(created.token);
      console.error(
        `SCIM token "${created.label}" for workspace ${workspace.id} (${created.prefix}…). ` +
          'It is shown only now; revoke it in Settings.',
      );
    }
    return 0;
  });
}
