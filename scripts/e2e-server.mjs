// The e2e web server: a fresh data dir each run, then exactly what `npm start` does.
import { rmSync } from 'node:fs';
import { spawn } from 'node:child_process';

rmSync(process.env.TOLLGATE_DATA_DIR, { recursive: true, force: true });
const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
