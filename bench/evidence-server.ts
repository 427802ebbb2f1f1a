// The evidence bench's server run (issue 20, item 5): the production server (`scripts/start.ts`, `next start` of a
// build) on the bench's database is asked for the same pack through POST /api/v1/evidence-packs, and while its pack
// worker (a child with a capped heap, lib/evidence/worker-spawn.ts) writes it, the RSS of the Next server and of
// the worker are sampled from /proc every 100 ms. The pack is then downloaded and its manifest compared.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApiToken } from '@/lib/api/tokens.ts';
import { createDb } from '@/lib/db.ts';
import { ensureBuild } from '@/scripts/build.ts';
import { newSharedSecrets } from '@/scripts/shared-secrets.ts';

export type ServerRun = {
  ms: number;
  /** The Next server's RSS: before the request, and its peak while the worker wrote the pack. */
  serverStartMb: number;
  serverPeakMb: number;
  workerPeakMb: number;
  samples: number;
  manifestSha256: string;
  file: string;
};

const PORT = 3670;
const ROLE_MAP = 'bench-auditors=auditor';

/** Every process under `root`, with its command line. */
function descendants(root: number): { pid: number; cmd: string }[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: { pid: number; cmd: string }[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const [child, ppid] of parent)
      if (ppid === pid) {
        queue.push(child);
        const cmd = (() => {
          try {
            return readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ');
          } catch {
            return '';
          }
        })();
        out.push({ pid: child, cmd });
      }
  }
  return out;
}

const rssMb = (pid: number) => {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
};

export async function serverPack(options: {
  url: string;
  ws: string;
  from: Date;
  to: Date;
  keyPem: string;
  workDir: string;
  log: (s: string) => void;
}): Promise<ServerRun> {
  const { url, ws, log } = options;
  const db = createDb(url);
  process.env.TOLLGATE_ROLE_MAP = ROLE_MAP;
  const owner = await db.user.create({
    data: {
      issuer: 'http://localhost:0',
      subject: 'bench-evidence-auditor',
      email: 'auditor@bench.example',
      groups: ['bench-auditors'],
      groupsClaim: true,
      lastSignInAt: new Date(),
    },
  });
  const { token } = await createApiToken(
    db,
    { id: owner.id, label: owner.email!, role: 'auditor' },
    { id: owner.id, roles: ['auditor'] },
    { role: 'auditor', workspaceId: ws, label: 'bench evidence', days: 1 },
  );
  await db.$disconnect();
  await ensureBuild();
  log('starting the server');
  const app = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: url,
      ...newSharedSecrets(),
      // The chain's key: the pack's chain check and signature use the bench's own.
      TOLLGATE_AUDIT_SIGNING_KEY: options.keyPem,
      PORT: String(PORT),
      TOLLGATE_DEMO_IDP_PORT: String(PORT + 1),
      TOLLGATE_DATA_DIR: path.join(options.workDir, 'app'),
      TOLLGATE_ROLE_MAP: ROLE_MAP,
    },
  });
  try {
    const base = `http://localhost:${PORT}`;
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
      if (i > 600) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 500));
    }
    const auth = { authorization: `Bearer ${token}` };
    // The Next server (however `next start` names its processes) and the pack worker below it.
    const measure = () => {
      let server = 0;
      let worker = 0;
      for (const p of descendants(app.pid!))
        if (p.cmd.includes('pack-worker-main')) worker = Math.max(worker, rssMb(p.pid));
        else if (/next/.test(p.cmd)) server = Math.max(server, rssMb(p.pid));
      return { server, worker };
    };
    // A request first, so the server's start-up allocations (routes compiled, pools) are in its baseline.
    await fetch(`${base}/api/v1/evidence-packs?ws=${ws}`, { headers: auth });
    const serverStartMb = measure().server;
    if (!serverStartMb) throw new Error('no Next server process under the start script');
    let serverPeakMb = serverStartMb;
    let workerPeakMb = 0;
    let samples = 0;
    const sampler = setInterval(() => {
      samples++;
      const now = measure();
      serverPeakMb = Math.max(serverPeakMb, now.server);
      workerPeakMb = Math.max(workerPeakMb, now.worker);
    }, 100);
    const t0 = performance.now();
    try {
      const started = await fetch(`${base}/api/v1/evidence-packs?ws=${ws}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ framework: 'all', from: options.from.toISOString(), to: options.to.toISOString() }),
      });
      if (started.status !== 202) throw new Error(`POST evidence-packs: ${started.status} ${await started.text()}`);
      const location = started.headers.get('location')!;
      let pack: { status: string; error: string | null; manifest_sha256: string | null; files_written: number };
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        pack = (await (await fetch(`http://localhost:${PORT}${location}`, { headers: auth })).json()) as typeof pack;
        if (pack.status !== 'running') break;
      }
      if (pack.status !== 'done') throw new Error(`the server's pack ${pack.status}: ${pack.error}`);
      const ms = performance.now() - t0;
      const id = location.split('/').at(-1)!.split('?')[0]!;
      const zip = await fetch(`${base}/api/v1/evidence-packs/${id}/download?ws=${ws}`, { headers: auth });
      const file = path.join(options.workDir, 'server-pack.zip');
      writeFileSync(file, Buffer.from(await zip.arrayBuffer()));
      log(
        `server pack: ${(ms / 1000).toFixed(1)} s, web server RSS ${serverStartMb.toFixed(0)} → peak ` +
          `${serverPeakMb.toFixed(0)} MB, worker peak ${workerPeakMb.toFixed(0)} MB (${samples} samples)`,
      );
      return { ms, serverStartMb, serverPeakMb, workerPeakMb, samples, manifestSha256: pack.manifest_sha256!, file };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
  }
}
