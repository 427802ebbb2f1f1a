// The CLI's commands. Each returns its exit code.
import { verifyAuditChain } from '../lib/audit/verify.ts';
import { loadSigningKey } from '../lib/audit/signing.ts';
import { migrate } from '../lib/db/migrate.ts';
import { listWorkspaces } from '../lib/workspaces/service.ts';
import { withDatabase } from './context.ts';
import { importAgentsCommand } from './import-agents.ts';

export type CommandOptions = {
  json: boolean;
  workspace?: string;
  /** import agents: the file is not a full export (agents it does not list are left alone). */
  partial?: boolean;
  /** import agents: import the valid rows when some are invalid. */
  skipInvalid?: boolean;
  /** Positionals after the command's name (e.g. FILE). */
  args?: string[];
};
type Command = (options: CommandOptions) => Promise<number>;

export const commands: Record<string, Command> = {
  'db migrate': () =>
    withDatabase(
      async ({ url }) => {
        const { applied } = await migrate(url);
        console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
        return 0;
      },
      { migrate: false },
    ),

  'audit verify': (options) =>
    withDatabase(async ({ db, dataDir }) => {
      const key = loadSigningKey(dataDir);
      const result = await verifyAuditChain(db, key.publicKeyPem);
      if (options.json) console.log(JSON.stringify(result));
      else console.log(result.message);
      return result.ok ? 0 : 1;
    }),

  'import agents': (options) =>
    importAgentsCommand({ json: options.json, workspace: options.workspace, partial: Boolean(options.partial), skipInvalid: Boolean(options.skipInvalid), args: options.args ?? [] }),

  workspaces: (options) =>
    withDatabase(async ({ db }) => {
      const rows = await listWorkspaces(db);
      if (options.json) console.log(JSON.stringify(rows.map((w) => ({ id: w.id, name: w.name }))));
      else if (rows.length === 0) console.log('No workspaces.');
      else for (const w of rows) console.log(`${w.id}\t${w.name}`);
      return 0;
    }),
};
