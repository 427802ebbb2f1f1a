// What every command of the CLI shares, for commander: usage errors end the parse (the caller chooses the exit
// code: 2) with the command's usage; option values that look like flags are missing values.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';

/** A command whose parse errors throw instead of exiting, and print the command's usage after the error. */
export function newCommand(name: string): Command {
  return new Command(name).exitOverride().showHelpAfterError().allowExcessArguments(false);
}

/** `--workspace --json` lacks the workspace: refuse it rather than look for a workspace named "--json". */
function flagValue(input: string): string {
  if (/^--?[A-Za-z]/.test(input)) throw new InvalidArgumentError(`The value is missing (${input} is a flag).`);
  return input;
}

/** An option that takes a value, e.g. option('--workspace <ID>', 'the workspace'). */
export function option(flags: string, description: string): Option {
  return new Option(flags, description).argParser(flagValue);
}

export const jsonOption = () => new Option('--json', 'print JSON on stdout');
export const workspaceOption = () =>
  option('--workspace <ID>', 'the workspace (see `tollgate workspaces`); default: the only one');

/** The exit code of a parse that ended early: 0 after asked-for help, 2 for a usage error; null: not commander's. */
export function usageExitCode(error: unknown): number | null {
  if (!(error instanceof CommanderError)) return null;
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
  if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
  return 2;
}
