// The command tree of `tollgate`, parsed by commander: per-command options (an unknown flag or a missing value is
// a usage error, exit 2), `--help` per command. Each command's code is imported only when it runs, so `--help`
// and `classify` load no database code.
import { type Command, Option } from 'commander';
import { classifyProgram } from './classify-main.ts';
import { jsonOption, newCommand, option, workspaceOption } from './command-kit.ts';

const NEW_FILE_ONLY =
  'A new --out only: an existing file is refused and left untouched. ' +
  'Exit 0 written, 1 not written (one sentence why), 2 usage.';

type Opts = { json?: boolean; workspace?: string; partial?: boolean; skipInvalid?: boolean };

/** Runs a command's code; its exit code becomes the process's. */
const run = (fn: () => Promise<number>) => async () => {
  process.exitCode = await fn();
};

/** Commands that run something (the others only group), for the overview. */
const runnable = new WeakSet<Command>();

/** A command that runs: its usage line (as the README writes it), a one-line summary, and the longer description. */
function leaf(parent: Command, name: string, usage: string, summary: string, details = ''): Command {
  const command = parent.command(name);
  runnable.add(command);
  const sentence = `${summary[0]!.toUpperCase()}${summary.slice(1)}.`;
  return command
    .usage(usage)
    .summary(summary)
    .description(details ? `${sentence}\n${details}` : sentence);
}

function readCommands(program: Command): void {
  const reads = [
    [
      'findings',
      'list current findings (open and excepted)',
      '--json: one array of {id, control, kind, subject, message, status, owner, due, exception_id}.',
      () => import('./findings.ts').then((m) => m.findingsCommand),
    ],
    [
      'agents',
      'the inventory sorted by agent_id: connectors, legs, effective state and why',
      '',
      () => import('./agents.ts').then((m) => m.agentsCommand),
    ],
    ['alerts', "the workspace's alerts, newest first", '', () => import('./alerts.ts').then((m) => m.alertsCommand)],
    [
      'campaigns',
      'access-review campaigns: progress per reviewer and every decision',
      '--json: one array of campaigns, oldest first, each with its items sorted by key.',
      () => import('./campaigns.ts').then((m) => m.campaignsCommand),
    ],
    [
      'actions',
      'platform actions (unpublish, isolate, delete) newest first, with attempts and confirmation',
      '--json: one array of {id, kind, target, status, requested_by, approved_by, attempts, confirmed_event_id, …}.',
      () => import('./actions.ts').then((m) => m.actionsCommand),
    ],
    [
      'posture',
      'the posture per control of the hardening guide: status, score, reasons',
      '',
      () => import('./posture.ts').then((m) => m.postureCommand),
    ],
  ] as const;
  for (const [name, summary, details, load] of reads) {
    leaf(program, name, '[--json] [--workspace ID]', summary, details)
      .addOption(jsonOption())
      .addOption(workspaceOption())
      .action(async (o: Opts) => run(async () => (await load())({ json: Boolean(o.json), workspace: o.workspace }))());
  }
}

function importCommands(program: Command): void {
  const group = program
    .command('import')
    .summary('import an agent or members export (see `tollgate import agents --help`)');
  const kinds = [
    [
      'agents',
      'import an agent export into the inventory (preview, then commit)',
      '--partial: not a full export (unlisted agents stay as they are).',
      () => import('./import-agents.ts').then((m) => m.importAgentsCommand),
    ],
    [
      'members',
      'import an admin console members export into the roster (preview, then commit)',
      'SCIM keeps name, status and groups of members it provisions. --partial: members not listed stay as they are.',
      () => import('./import-members.ts').then((m) => m.importMembersCommand),
    ],
  ] as const;
  for (const [name, summary, details, load] of kinds) {
    leaf(
      group,
      name,
      'FILE [--workspace ID] [--partial] [--skip-invalid] [--json]',
      summary,
      `${details}\n--skip-invalid: import the valid rows. ` +
        'Exit 0 imported, 2 bad input (invalid rows are listed as FILE:LINE: reason; nothing imported).',
    )
      .argument('<FILE>', 'the export (CSV)')
      .addOption(workspaceOption())
      .option('--partial', 'not a full export: what it does not list is left as it is')
      .option('--skip-invalid', 'import the valid rows when some are invalid')
      .addOption(jsonOption())
      .action(async (file: string, o: Opts) =>
        run(async () =>
          (await load())({
            json: Boolean(o.json),
            workspace: o.workspace,
            partial: Boolean(o.partial),
            skipInvalid: Boolean(o.skipInvalid),
            args: [file],
          }),
        )(),
      );
  }
}

function evidenceCommands(program: Command): void {
  const evidence = program
    .command('evidence')
    .summary('write or check a signed evidence pack (see `tollgate evidence pack --help`)');
  leaf(
    evidence,
    'pack',
    '--framework FRAMEWORK [--control ID] --from DATE --to DATE --out PACK.zip ' + '[--workspace ID] [--json]',
    'a signed evidence pack for [from, to) in UTC (dates or instants ending in Z)',
    "Report (HTML, PDF), evidence sets (CSV, JSON) as of the period's end, OSCAL results, manifest.json " +
      'and signature.json.\n' +
      NEW_FILE_ONLY,
  )
    .addOption(
      option(
        '--framework <FRAMEWORK>',
        'soc2, nist_800_53, cis, gdpr, iso42001, iso27001, nist_ai_rmf, eu_ai_act, owasp_agentic, owasp_llm, ' +
          'mitre_atlas, or all',
      ).makeOptionMandatory(),
    )
    .addOption(option('--control <ID>', 'one control of the framework'))
    .addOption(option('--from <DATE>', 'the period start (inclusive)').makeOptionMandatory())
    .addOption(option('--to <DATE>', 'the period end (exclusive)').makeOptionMandatory())
    .addOption(option('--out <PACK.zip>', 'the new file to write').makeOptionMandatory())
    .addOption(workspaceOption())
    .addOption(jsonOption())
    .action(async (o: Opts & { framework: string; control?: string; from: string; to: string; out: string }) =>
      run(async () =>
        (await import('./evidence-pack.ts')).evidencePackCommand({
          json: Boolean(o.json),
          workspace: o.workspace,
          framework: o.framework,
          control: o.control,
          from: o.from,
          to: o.to,
          out: o.out,
        }),
      )(),
    );
  leaf(
    evidence,
    'verify',
    'PACK.zip [--json]',
    'check an evidence pack',
    "manifest.json's signature (against this install's signing key when one is configured), then every file's " +
      'SHA-256 and size.\nExit 0 verified, 1 the first mismatch, 2 usage.',
  )
    .argument('<PACK.zip>', 'the pack')
    .addOption(jsonOption())
    .action(async (pack: string, o: Opts) =>
      run(async () =>
        (await import('./evidence-verify.ts')).evidenceVerifyCommand({ json: Boolean(o.json), args: [pack] }),
      )(),
    );
  leaf(
    program,
    'oscal',
    '--out FILE [--from DATE --to DATE] [--workspace ID] [--json]',
    'OSCAL 1.0.4 assessment results for the period (default: the last 90 days)',
    NEW_FILE_ONLY,
  )
    .addOption(option('--out <FILE>', 'the new file to write').makeOptionMandatory())
    .addOption(option('--from <DATE>', 'the period start (inclusive)'))
    .addOption(option('--to <DATE>', 'the period end (exclusive)'))
    .addOption(workspaceOption())
    .addOption(jsonOption())
    .action(async (o: Opts & { from?: string; to?: string; out: string }) =>
      run(async () =>
        (await import('./evidence-pack.ts')).oscalCommand({
          json: Boolean(o.json),
          workspace: o.workspace,
          from: o.from,
          to: o.to,
          out: o.out,
        }),
      )(),
    );
}

function adminCommands(program: Command): void {
  leaf(
    program.command('db').summary('the database (see `tollgate db migrate --help`)'),
    'migrate',
    '',
    'apply pending database migrations',
  ).action(run(async () => (await import('./maintenance.ts')).dbMigrateCommand()));
  leaf(
    program.command('audit').summary('the audit trail (see `tollgate audit verify --help`)'),
    'verify',
    '[--json]',
    'check the audit hash chain and its signatures',
    'Exit 0 intact, 1 the first broken link or bad signature.',
  )
    .addOption(jsonOption())
    .action(async (o: Opts) =>
      run(async () => (await import('./maintenance.ts')).auditVerifyCommand({ json: Boolean(o.json) }))(),
    );
  leaf(
    program.command('scim-token').summary('SCIM bearer tokens (see `tollgate scim-token create --help`)'),
    'create',
    '--workspace ID [--label L] [--json]',
    'create a SCIM bearer token for the IdP; printed once',
  )
    .addOption(option('--workspace <ID>', 'the workspace (see `tollgate workspaces`)').makeOptionMandatory())
    .addOption(option('--label <L>', 'what the token is for (default: IdP provisioning)'))
    .addOption(jsonOption())
    .action(async (o: Opts & { workspace: string; label?: string }) =>
      run(async () =>
        (await import('./scim-token.ts')).scimTokenCommand({
          json: Boolean(o.json),
          workspace: o.workspace,
          label: o.label,
        }),
      )(),
    );
  apiTokenCommands(program);
  leaf(
    program,
    'suspend',
    'AGENT_ID --reason R [--workspace ID] [--json]',
    'suspend an agent: evidence, then the unpublish through the Admin API (or the console steps)',
    'Waits for the platform’s answer (retries included), not for the log confirmation. ' +
      'Exit 0 accepted or no act key (steps printed), 1 refused or not carried out, 2 usage.',
  )
    .argument('<AGENT_ID>', 'the platform’s agent id (agent_id)')
    .addOption(option('--reason <R>', 'why (recorded with the suspension)').makeOptionMandatory())
    .addOption(workspaceOption())
    .addOption(jsonOption())
    .action(async (agentId: string, o: Opts & { reason: string }) =>
      run(async () =>
        (await import('./suspend.ts')).suspendCommand({
          agentId,
          reason: o.reason,
          json: Boolean(o.json),
          workspace: o.workspace,
        }),
      )(),
    );
  leaf(
    program,
    'ingest',
    'PATH... [--json]',
    'store Compliance Logs files (.jsonl, .jsonl.gz) or folders of them, exactly once',
    'An interrupted file resumes where it stopped. ' +
      'Exit 0 stored, 1 lines quarantined or a corrupt file (the rest is stored), 2 nothing to read.',
  )
    .argument('<PATH...>', 'files or folders')
    .addOption(jsonOption())
    .action(async (paths: string[], o: Opts) =>
      run(async () => (await import('./ingest.ts')).ingestCommand({ json: Boolean(o.json), args: paths }))(),
    );
  const workspaces = leaf(
    program,
    'workspaces',
    '[--json] | add --id ID --name NAME [--organization] [--principal P]',
    'list governed workspaces, or add one (`tollgate workspaces add --help`)',
  )
    .addOption(jsonOption())
    .action(async (o: Opts) =>
      run(async () => (await import('./workspaces.ts')).workspacesCommand({ json: Boolean(o.json) }))(),
    );
  leaf(
    workspaces,
    'add',
    '--id ID --name NAME [--organization] [--principal P] [--json]',
    'register a workspace, as Settings\' "Add a workspace" does',
    "--principal: the Compliance API principal (workspace id or org-…) whose logs are this workspace's; " +
      'logs held for it are applied.\nExit 0 added, 1 refused (the id or principal is taken), 2 bad input.',
  )
    .addOption(option('--id <ID>', '2–63 lowercase letters, digits or dashes').makeOptionMandatory())
    .addOption(option('--name <NAME>', 'the name shown in the dashboard').makeOptionMandatory())
    .option('--organization', 'an organization rather than a workspace')
    .addOption(option('--principal <P>', 'the Compliance API principal'))
    .addOption(jsonOption())
    .action(async (o: Opts & { id: string; name: string; organization?: boolean; principal?: string }) =>
      run(async () =>
        (await import('./workspaces.ts')).workspacesAddCommand({
          json: Boolean(o.json),
          id: o.id,
          name: o.name,
          organization: Boolean(o.organization),
          principal: o.principal,
        }),
      )(),
    );
}

function apiTokenCommands(program: Command): void {
  const group = program.command('api-token').summary('REST API tokens (see `tollgate api-token create --help`)');
  const load = () => import('./api-token.ts');
  leaf(
    group,
    'create',
    '--role ROLE --workspace ID|all --owner EMAIL_OR_SUBJECT [--expires 90d] [--label L] [--json]',
    'create an API token acting for a dashboard user; the token alone is printed once on stdout',
    'The owner must hold the role and have signed in within 30 days. --expires: 1 day to 1 year (90d, 12w, 6m, ' +
      '1y).\nExit 0 created, 1 refused (one sentence why), 2 usage.',
  )
    .addOption(option('--role <ROLE>', 'the one dashboard role the token carries').makeOptionMandatory())
    .addOption(option('--workspace <ID|all>', 'the one workspace it may reach, or all').makeOptionMandatory())
    .addOption(option('--owner <EMAIL_OR_SUBJECT>', 'the dashboard user it acts for').makeOptionMandatory())
    .addOption(option('--expires <DAYS>', 'lifetime (default 90d)'))
    .addOption(option('--label <L>', 'what the token is for'))
    .addOption(jsonOption())
    .action(async (o: Opts & { role: string; workspace: string; owner: string; expires?: string; label?: string }) =>
      run(async () => (await load()).apiTokenCreateCommand({ ...o, json: Boolean(o.json) }))(),
    );
  leaf(group, 'list', '[--json]', 'every API token (never the secret): status, role, scope, owner, expiry')
    .addOption(jsonOption())
    .action(async (o: Opts) => run(async () => (await load()).apiTokenListCommand({ json: Boolean(o.json) }))());
  leaf(group, 'revoke', 'ID [--json]', 'revoke an API token: calls with it then answer 401 token-revoked')
    .argument('<ID>', 'the token id (see `tollgate api-token list`)')
    .addOption(jsonOption())
    .action(async (id: string, o: Opts) =>
      run(async () => (await load()).apiTokenRevokeCommand({ id, json: Boolean(o.json) }))(),
    );
}
function gptCommands(program: Command): void {
  const gpts = leaf(
    program,
    'gpts',
    '[--json] [--workspace ID] | import FILE... [--workspace ID] [--complete] [--json]',
    "the workspace's custom GPTs sorted by gpt_id: sharing, capabilities, actions, files, legs, effective state",
    '--json: one array of {gpt_id, name, owner_email, sharing, capabilities, actions, knowledge_files, legs, ' +
      'trifecta, effective:{state, reasons}, findings}, every list sorted.',
  )
    .addOption(jsonOption())
    .addOption(workspaceOption())
    .action(async (o: Opts) =>
      run(async () => (await import('./gpts.ts')).gptsCommand({ json: Boolean(o.json), workspace: o.workspace }))(),
    );
  leaf(
    gpts,
    'import',
    'FILE... [--workspace ID] [--complete] [--json]',
    'store GPT pages saved from the Compliance API (a list page, an array, one object or JSONL), exactly once',
    '--complete: the files list every GPT of the workspace (those they do not list are marked not listed).\n' +
      'Exit 0 every object stored, 1 some refused (listed as FILE: id: field: reason; the others stored), ' +
      '2 usage or a file that cannot be opened (nothing stored).',
  )
    .argument('<FILE...>', 'the saved pages')
    .addOption(workspaceOption())
    .option('--complete', 'the files hold every GPT of the workspace')
    .addOption(jsonOption())
    // `gpts` itself takes --json and --workspace: after `import` they may land on either command, so read both.
    .action(async (files: string[], _o: Opts, command: Command) => {
      const o = command.optsWithGlobals<Opts & { complete?: boolean }>();
      return run(async () =>
        (await import('./gpts-import.ts')).gptsImportCommand({
          json: Boolean(o.json),
          workspace: o.workspace,
          complete: Boolean(o.complete),
          args: files,
        }),
      )();
    });
}

function platformCommands(program: Command): void {
  const platform = program
    .command('platform')
    .summary('the Compliance API source and its two keys (see `tollgate platform configure --help`)');
  // A key given as an argument is refused (exit 2) rather than an unknown option: the message says why.
  const keyArgument = (flag: string) => new Option(`${flag} <KEY>`, 'refused: keys are read from files').hideHelp();
  leaf(
    platform,
    'configure',
    '--base-url URL --read-key-file F [--act-key-file F | --remove-act-key] [--log-types A,B] [--paused] ' +
      '[--workspace ID] [--json]',
    'store the Compliance API base URL, the read key and the optional act key, as Alerts → Sources does',
    'Keys are read from files (mode 600, the key alone, one trailing newline allowed), never from arguments. ' +
      "A base URL on another origin than the stored keys' clears both. Without --act-key-file the stored act key " +
      'is kept.\n--json: {workspace, base_url, read_key, act_key, keys_cleared_by_origin_change}.\n' +
      'Exit 0 saved, 1 refused (one sentence why), 2 usage or an unreadable key file.',
  )
    .addOption(option('--base-url <URL>', 'the Compliance API base URL (https)').makeOptionMandatory())
    // Checked by the command, after a key given as an argument is refused with its own sentence.
    .addOption(option('--read-key-file <F>', 'a file holding the read key (required)'))
    .addOption(option('--act-key-file <F>', 'a file holding the act key (delete/act scope)'))
    .option('--remove-act-key', 'remove the stored act key')
    .addOption(option('--log-types <A,B>', 'log types to pull (default: as stored, else CUSTOM_AGENTS_LOG,AUDIT_LOG)'))
    .option('--paused', 'store the source without pulling')
    .addOption(keyArgument('--read-key'))
    .addOption(keyArgument('--act-key'))
    .addOption(keyArgument('--api-key'))
    .addOption(workspaceOption())
    .addOption(jsonOption())
    .action(async (o: Opts & PlatformOpts) =>
      run(async () =>
        (await import('./platform.ts')).platformConfigureCommand({
          json: Boolean(o.json),
          workspace: o.workspace,
          baseUrl: o.baseUrl,
          readKeyFile: o.readKeyFile ?? null,
          actKeyFile: o.actKeyFile,
          removeActKey: Boolean(o.removeActKey),
          logTypes: o.logTypes,
          paused: Boolean(o.paused),
          keyArgument: Boolean(o.readKey ?? o.actKey ?? o.apiKey),
        }),
      )(),
    );
  leaf(
    platform,
    'test',
    '[--workspace ID] [--json]',
    'test each stored key with one harmless request, as Test connection does',
    '--json: {workspace, read: {ok, status, detail, at} | null, act: … | null}.\n' +
      'Exit 0 every stored key passed, 1 a test failed or no read key is stored.',
  )
    .addOption(workspaceOption())
    .addOption(jsonOption())
    .action(async (o: Opts) =>
      run(async () =>
        (await import('./platform.ts')).platformTestCommand({ json: Boolean(o.json), workspace: o.workspace }),
      )(),
    );
}

type PlatformOpts = {
  baseUrl: string;
  readKeyFile?: string;
  actKeyFile?: string;
  removeActKey?: boolean;
  logTypes?: string;
  paused?: boolean;
  readKey?: string;
  actKey?: string;
  apiKey?: string;
};

export function buildProgram(): Command {
  const program = newCommand('tollgate').usage('<command> [options]');
  program.addCommand(classifyProgram());
  adminCommands(program);
  importCommands(program);
  evidenceCommands(program);
  readCommands(program);
  gptCommands(program);
  platformCommands(program);
  program.configureHelp({ formatHelp: overview });
  return program;
}

/** `tollgate --help`: every command with its usage and summary, nested ones by their full name. */
function overview(program: Command): string {
  const lines = ['Usage: tollgate <command> [options]', '', 'Commands:'];
  const visit = (cmd: Command, prefix: string) => {
    for (const sub of cmd.commands) {
      if (sub.name() === 'help') continue;
      const name = `${prefix}${sub.name()}`;
      if (runnable.has(sub) || sub.commands.length === 0) {
        const usage = sub.usage().split(' | ')[0]!.replace('[options]', '').trim();
        lines.push(`  ${name}${usage ? ` ${usage}` : ''}`, `      ${sub.summary()}`);
      }
      visit(sub, `${name} `);
    }
  };
  visit(program, '');
  lines.push('', 'Run `tollgate <command> --help` for its options and exit codes.');
  lines.push(
    '',
    'Environment: DATABASE_URL, else the embedded database in TOLLGATE_DATA_DIR (default ./.data) — the one',
    'the running Tollgate uses when `npm start` is up. With DATABASE_URL, `audit verify` and `evidence pack`',
    "need TOLLGATE_AUDIT_SIGNING_KEY (or the data dir's audit-signing-key.pem).",
    '',
  );
  return lines.join('\n');
}
