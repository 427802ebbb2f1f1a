// A second Tollgate for the SAML e2e, started by e2e/saml-sign-in.spec.ts with SAML settings in its environment
// (not demo mode): the real start-up path (scripts/runtime.ts: configuration, embedded PostgreSQL, migrations, the
// IdP's metadata read at start), then `next start` of the build the main e2e server already made.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { prepareRuntime } from '@/scripts/runtime.ts';

rmSync(process.env.TOLLGATE_DATA_DIR!, { recursive: true, force: true });
const runtime = await prepareRuntime(process.env);
const next = spawn(
  process.execPath,
  ['node_modules/next/dist/bin/next', 'start', '-p', String(runtime.config.port), '-H', '127.0.0.1'],
  { stdio: 'inherit', env: runtime.childEnv },
);
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) {
    next.kill('SIGTERM');
    await new Promise((resolve) => next.once('exit', resolve));
  }
  await runtime.close();
  process.exit(code);
}
next.once('exit', (code) => void stop(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
