// The CLI's commands. Each returns its exit code.
import { verifyAuditChain } from '../lib/audit/verify.ts';
import { loadSigningKey } from '../lib/audit/signing.ts';
import { migrate } from '../lib/db/migrate.ts';
import { listWorkspaces } from '../lib/workspaces/service.ts';
import { withDatabase } from './context.ts';
import { importAgentsCommand } from './import-agents.ts';
import { ingestCommand } from './ingest.ts';
import { agentsCommand } from './agents.ts';
import { alertsCommand } from './alerts.ts';
import { postureCommand } from './posture.ts';
import { importMembersCommand } from './import-members.ts';
import { scimTokenCommand } from './scim-token.ts';
import { findingsCommand } from './findings.ts';
import { evidencePackCommand, oscalCommand } from './evidence-pack.ts';
import { evidenceVerifyCommand } from './evidence-verify.ts';

export type CommandOptions = {
  json: boolean;
  workspace?: string;
  /** import agents: the file is not a full export (agents it does not list are left alone). */
  partial?: boolean;
  /** import agents: import the valid rows when some are invalid. */
  skipInvalid?: boolean;
  /** scim-token create: the token's label. */
  label?: string;
  /** evidence pack / oscal: the scope, the period [from, to) in UTC and the output file. */
  framework?: string;
  control?: string;
  from?: string;
  to?: string;
  out?: string;
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

  'evidence pack': (options) => evidencePackCommand({ json: options.json, workspace: options.workspace, framework: options.framework, control: options.control, from: options.from, to: options.to, out: options.out }),

  oscal: (options) => oscalCommand({ json: options.json, workspace: options.workspace, from: options.from, to: options.to, out: options.out }),

  'evidence verify': (options) => evidenceVerifyCommand({ json: options.json, args: options.args ?? [] }),

  'import agents': (options) =>
    importAgentsCommand({ json: options.json, workspace: options.workspace, partial: Boolean(options.partial), skipInvalid: Boolean(options.skipInvalid), args: options.args ?? [] }),

  findings: (options) => findingsCommand({ json: options.json, workspace: options.workspace }),

  'scim-token': (options) => scimTokenCommand({ json: options.json, workspace: options.workspace, label: options.label, args: options.args ?? [] }),

  'import members': (options) =>
    importMembersCommand({ json: options.json, workspace: options.workspace, partial: Boolean(options.partial), skipInvalid: Boolean(options.skipInvalid), args: options.args ?? [] }),

  ingest: (options) => ingestCommand({ json: options.json, args: options.args ?? [] }),

  agents: (options) => agentsCommand({ json: options.json, workspace: options.workspace }),

  alerts: (options) => alertsCommand({ json: options.json, workspace: options.workspace }),
  posture: (options) => postureCommand({ json: options.json, workspace: options.workspace }),

  workspaces: (options) =>
    withDatabase(async ({ db }) => {
      const rows = await listWorkspaces(db);
      if (options.json) console.log(JSON.stringify(rows.map((w) => ({ id: w.id, name: w.name }))));
      else if (rows.length === 0) console.log('No workspaces.');
      else for (const w of rows) console.log(`${w.id}\t${w.name}`);
      return 0;
    }),
};
