// Entry of `tollgate classify`, runnable without tsx (bin/tollgate.mjs bundles it with esbuild for a fast start):
// it imports nothing that touches PostgreSQL.
import { Option } from 'commander';
import { CLASSIFY_FORMATS, type ClassifyFormat, classifyCommand } from './classify.ts';
import { newCommand, option, usageExitCode } from './command-kit.ts';

type Flags = { json?: boolean; format?: ClassifyFormat; out?: string; strict?: boolean; catalogue?: string };

export function classifyProgram() {
  return newCommand('classify')
    .usage('FILE [--format table|json|sarif] [--out FILE] [--strict] [--catalogue guide|strict|FILE]')
    .summary('classify an agent export for the lethal trifecta; no database')
    .description(
      'Classify an agent export (agent_id,agent_name,owner_email,connected_apps) for the lethal trifecta; ' +
        'no database.\n' +
        '--format sarif writes SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif): one ' +
        'result per trifecta agent, unknown app and unclassified MCP server, at the line its agent starts on.\n' +
        'Exit 0 none, 1 a trifecta (--strict: or an unknown app), 2 bad input (or an existing --out).',
    )
    .argument('[FILE]', 'the Global Admin Console agent export (CSV)')
    .addOption(
      new Option('--format <table|json|sarif>', 'what to print: a table, JSON, or a SARIF 2.1.0 log')
        .choices(CLASSIFY_FORMATS)
        .default('table'),
    )
    .addOption(new Option('--json', 'short for --format json').conflicts('format'))
    .addOption(option('--out <FILE>', 'write to FILE (a new file, never overwritten) instead of stdout'))
    .option('--strict', 'an unknown app also exits 1')
    .addOption(
      option('--catalogue <guide|strict|FILE>', 'the app catalogue: a profile, or a file exported from the Apps page'),
    )
    .action(async (file: string | undefined, opts: Flags) => {
      try {
        process.exitCode = await classifyCommand(file, {
          format: opts.json ? 'json' : (opts.format ?? 'table'),
          strict: Boolean(opts.strict),
          catalogue: opts.catalogue,
          out: opts.out,
        });
      } catch (error) {
        console.error(`tollgate classify: ${(error as Error).message}`);
        process.exitCode = 2;
      }
    });
}

/** `tollgate classify ARGV…` on its own: its exit code. */
export async function runClassify(argv: string[]): Promise<number> {
  const program = newCommand('tollgate').addCommand(classifyProgram());
  try {
    await program.parseAsync(['classify', ...argv], { from: 'user' });
  } catch (error) {
    return usageExitCode(error) ?? 2;
  }
  return Number(process.exitCode ?? 0);
}
