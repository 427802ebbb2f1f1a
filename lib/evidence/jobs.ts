// Packs being generated for the Evidence page: written to a file in the data directory while the page polls
// the progress, then downloaded once by the person who asked. Kept in this process (one server; a restart
// loses packs in progress, and the page says so); files left behind are removed after an hour.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '@/lib/audit/record.ts';
import type { SigningKey } from '@/lib/audit/signing.ts';
import type { Db } from '@/lib/db.ts';
import { preparePack, type PackRequest } from './assemble.ts';
import { writePrepared } from './generate.ts';

export type PackJob = {
  id: string;
  owner: string;
  workspaceId: string;
  filename: string;
  status: 'running' | 'done' | 'failed';
  fileCount: number;
  files: number;
  bytes: number;
  current: string;
  manifestSha256: string | null;
  error: string | null;
  file: string;
};

const KEEP_MS = 3_600_000;
const shared = globalThis as { __tollgatePackJobs?: Map<string, PackJob> };
shared.__tollgatePackJobs ??= new Map();
const registry = shared.__tollgatePackJobs;

/** Checks the request (errors are thrown for the caller to answer), then writes the pack in the background. */
export async function startPackJob(
  db: Db,
  actor: Actor,
  req: PackRequest,
  key: SigningKey,
  dataDir: string,
): Promise<PackJob> {
  const dir = path.join(dataDir, 'packs');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await sweep(dir);
  const now = new Date();
  const pack = await preparePack(db, req, key, now);
  const id = randomUUID();
  const { period, scope } = pack.meta;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const subject = scope.controlId ? `control-${scope.controlId}` : scope.framework;
  const job: PackJob = {
    id,
    owner: ownerOf(actor),
    workspaceId: req.workspaceId,
    status: 'running',
    fileCount: pack.fileCount,
    files: 0,
    bytes: 0,
    current: '',
    filename: `tollgate-evidence-${req.workspaceId}-${subject}-${day(period.from)}-${day(period.to)}.zip`,
    manifestSha256: null,
    error: null,
    file: path.join(dir, `${id}.zip`),
  };
  registry.set(id, job);
  const out = createWriteStream(job.file, { mode: 0o600 });
  writePrepared(db, actor, pack, out, key, {
    now,
    onProgress: (p) => Object.assign(job, { files: p.files, bytes: p.bytes, current: p.path }),
  })
    .then((outcome) =>
      Object.assign(job, { status: 'done', manifestSha256: outcome.manifestSha256, files: job.fileCount }),
    )
    .catch(async (error: Error) => {
      Object.assign(job, { status: 'failed', error: error.message });
      await rm(job.file, { force: true });
    });
  return job;
}

/** The job, for the person who started it only. */
export function packJob(id: string, actor: Actor): PackJob | null {
  const job = registry.get(id);
  return job && job.owner === ownerOf(actor) ? job : null;
}

/** The finished pack's bytes, once: the file is removed when the stream ends. */
export function takePack(job: PackJob) {
  registry.delete(job.id);
  const stream = createReadStream(job.file);
  stream.on('close', () => void rm(job.file, { force: true }));
  return stream;
}

const ownerOf = (actor: Actor) => actor.id ?? actor.label;

async function sweep(dir: string) {
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (Date.now() - (await stat(file)).mtimeMs > KEEP_MS) await rm(file, { force: true });
  }
  for (const [id, job] of registry)
    if (job.status !== 'running' && !(await stat(job.file).catch(() => null))) registry.delete(id);
}
