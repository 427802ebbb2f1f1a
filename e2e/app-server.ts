// A Tollgate of its own for one spec (overload, SAML, two instances): started through a real start-up script, its
// output kept for the error that says why it did not come up, healthy once /api/health answers, stopped with SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';

export type AppServer = { name: string; base: string; child: ChildProcess; log: () => string };

/** Settings a spec's server must not inherit from the caller's environment unless the spec sets them again. */
export const SIGN_IN_SETTINGS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'SAML_IDP_METADATA_URL'];

export function startAppServer(options: {
  name: string;
  port: number;
  /** What the server gets on top of this process's environment. */
  env: Record<string, string>;
  /** Removed from the inherited environment before `env` applies. */
  unset?: string[];
  /** `scripts/start.ts` (npm start's path) or `e2e/saml-app-server.ts` (configuration, then `next start`). */
  script?: string;
  /** Its own process group, so a signal to -pid reaches the script and its Next server at once (a crash). */
  detached?: boolean;
  logChars?: number;
}): AppServer {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of options.unset ?? []) delete env[name];
  Object.assign(env, options.env);
  const script = options.script ?? 'e2e/saml-app-server.ts';
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', script], {
    env,
    detached: options.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  for (const stream of [child.stdout!, child.stderr!])
    stream.on('data', (d) => {
      log = (log + d).slice(-(options.logChars ?? 4000));
    });
  return { name: options.name, base: `http://localhost:${options.port}`, child, log: () => log };
}

/** Resolves once /api/health answers 200; throws with the server's last output if it exits or takes too long. */
export async function waitHealthy(server: AppServer, timeoutMs = 110_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`the ${server.name} Tollgate exited:\n${server.log()}`);
    const up = await fetch(`${server.base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    if (Date.now() > deadline) throw new Error(`the ${server.name} Tollgate did not start:\n${server.log()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** SIGTERM, then waits for the exit (the start script stops Next and its embedded PostgreSQL itself). */
export async function stopAppServer(server: AppServer | null): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}
