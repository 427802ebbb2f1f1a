// Entry of `tollgate classify`, runnable without tsx (bin/tollgate.mjs bundles it with esbuild for a fast start):
// it imports nothing that touches PostgreSQL.
import { classifyCommand } from './classify.ts';
import { jsonOption, newCommand, option, usageExitCode } from './command-kit.ts';

export function classifyProgram() {
  return newCommand('classify')
    .usage('FILE [--json] [--strict] [--catalogue guide|strict|FILE]')
    .summary('classify an agent export for the lethal trifecta; no database')
    .description(
      'Classify an agent export (agent_id,agent_name,owner_email,connected_apps) for the lethal trifecta; ' +
        'no database.\n' +
        'Exit 0 none, 1 a trifecta (--strict: or an unknown app), 2 bad input.',
    )
    .argument('[FILE]', 'the Global Admin Console agent export (CSV)')
    .addOption(jsonOption())
    .option('--strict', 'an unknown app also exits 1')
    .addOption(
      option('--catalogue <guide|strict|FILE>', 'the app catalogue: a profile, or a file exported from the Apps page'),
    )
    .action(async (file: string | undefined, opts: { json?: boolean; strict?: boolean; catalogue?: string }) => {
      try {
        process.exitCode = await classifyCommand(file, {
          json: Boolean(opts.json),
          strict: Boolean(opts.strict),
          catalogue: opts.catalogue,
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
