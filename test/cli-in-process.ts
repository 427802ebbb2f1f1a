// `tollgate ARGS` parsed and run inside the test's own process, as cli/main.ts runs it: the same command tree, the
// same exit code for a usage error, the command's output captured. A spawned CLI costs about a second of CPU to load
// (tsx, the sources); tests of what happens before any database (grammar, flag checks) use this, and keep one real
// process per behaviour that needs one (main.ts's exit, a signal, an embedded server).
import type { Command } from 'commander';
import { usageExitCode } from '@/cli/command-kit.ts';
import { buildProgram } from '@/cli/program.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';

export type CliResult = { code: number; stdout: string; stderr: string };

export async function runCliInProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const out = { stdout: '', stderr: '' };
  const program = buildProgram();
  const capture = (command: Command) => {
    command.configureOutput({
      writeOut: (s) => {
        out.stdout += s;
      },
      writeErr: (s) => {
        out.stderr += s;
      },
    });
    for (const sub of command.commands) capture(sub);
  };
  capture(program);
  const saved = { exitCode: process.exitCode, log: console.log, error: console.error, env: { ...process.env } };
  const line =
    (key: 'stdout' | 'stderr') =>
    (...parts: unknown[]) => {
      out[key] += `${parts.map(String).join(' ')}\n`;
    };
  console.log = line('stdout');
  console.error = line('stderr');
  Object.assign(process.env, env);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: Number(process.exitCode ?? 0), ...out };
  } catch (error) {
    const usage = usageExitCode(error);
    // cli/main.ts's one line: a ConfigError's sentence gets its full stop.
    const message = (error as Error).message;
    if (usage === null) out.stderr += `tollgate: ${error instanceof ConfigError ? `${message}.` : message}\n`;
    return { code: usage ?? 1, ...out };
  } finally {
    process.exitCode = saved.exitCode;
    console.log = saved.log;
    console.error = saved.error;
    for (const key of Object.keys(process.env)) if (!(key in saved.env)) delete process.env[key];
    Object.assign(process.env, saved.env);
  }
}
