// Evidence pack jobs (issue 20, decision 0033): one PackJob row per pack, so that every instance shows its progress
// and serves its file, and a pack whose worker died is finished by another. The web server checks the request,
// writes the row and wakes a worker process (worker-spawn.ts); the worker (worker.ts) claims the row and writes
// the ZIP. Rows and files are removed an hour after the pack is done.
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '@/lib/audit/record.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { Prisma, type PackJob as PackJobRow } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { logger } from '@/lib/log.ts';
import { packFileCount, type PackRequest } from './assemble.ts';
import { checkEvidencePeriod } from './as-of.ts';
import { PACK_FILE, packsDir } from './packs-dir.ts';
import type { PackScope, PostureAsOf } from './types.ts';
import { kickPackWorker, staleSeconds } from './worker-spawn.ts';

export type PackStatus = 'queued' | 'running' | 'done' | 'failed';
export type PackJob = {
  id: string;
  owner: string;
  workspaceId: string;
  filename: string;
  status: PackStatus;
  fileCount: number;
  files: number;
  bytes: number;
  current: string;
  manifestSha256: string | null;
  error: string | null;
  /** Once done: the ZIP's path, SHA-256 and size. */
  file: string | null;
  sha256: string | null;
  size: number | null;
  /** When it was asked for — the instant a running period's pack speaks for — and what it covers. */
  createdAt: Date;
  request: PackRequest;
  actor: Actor;
  /** The worker holding it, its attempt (1 for the first) and its last heartbeat. */
  worker: string | null;
  attempt: number;
  heartbeatAt: Date | null;
  /** Every claim, first to last; `takenOverFrom` is the worker whose silence the claim ended. */
  history: PackClaim[];
  posture: PostureAsOf | null;
};
export type PackClaim = { attempt: number; worker: string; at: string; takenOverFrom: string | null };

const KEEP_MS = 3_600_000;
/** A pack whose worker died this many times is failed rather than written again (a pack that kills its worker). */
export const MAX_ATTEMPTS = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export { packsDir } from './packs-dir.ts';

/**
 * Checks the request (errors are thrown for the caller to answer), then records the job. `worker` and `target`: the
 * caller (the CLI) writes the pack itself to its own file and holds the job from the start; no one takes it over.
 */
export async function createPackJob(
  db: Db,
  actor: Actor,
  req: PackRequest,
  options: { worker?: string; target?: string; now?: Date } = {},
): Promise<PackJob> {
  const now = options.now ?? new Date();
  const workspace = await db.workspace.findUnique({ where: { id: req.workspaceId }, select: { id: true } });
  if (!workspace) throw new AppError('not_found', `No workspace ${req.workspaceId}.`);
  await checkEvidencePeriod(db, workspace.id, req.period, now);
  const { period, scope } = req;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const subject = scope.controlId ? `control-${scope.controlId}` : scope.framework;
  const held = options.worker
    ? {
        status: 'running',
        worker: options.worker,
        attempt: 1,
        history: [{ attempt: 1, worker: options.worker, at: now.toISOString(), takenOverFrom: null }],
      }
    : {};
  const row = await db.packJob.create({
    data: {
      workspaceId: workspace.id,
      actorId: actor.id,
      actorLabel: actor.label,
      actorRole: actor.role,
      requestId: actor.requestId ?? null,
      sourceIp: actor.sourceIp ?? null,
      framework: scope.framework,
      controlId: scope.controlId ?? null,
      periodFrom: period.from,
      periodTo: period.to,
      fileCount: packFileCount(scope),
      filename: `tollgate-evidence-${workspace.id}-${subject}-${day(period.from)}-${day(period.to)}.zip`,
      createdAt: now,
      ...held,
      ...(options.worker ? { heartbeatAt: now, startedAt: now, path: options.target ?? null } : {}),
    },
  });
  return jobOf(row);
}

/** Records the job and wakes this instance's pack worker; the files of packs past their hour are removed first. */
export async function startPackJob(db: Db, actor: Actor, req: PackRequest, dataDir: string): Promise<PackJob> {
  await sweepPackJobs(db, dataDir);
  const job = await createPackJob(db, actor, req);
  kickPackWorker();
  return job;
}

/** The job, for the person who started it only. */
export async function packJob(db: Db, id: string, actor: Actor): Promise<PackJob | null> {
  const job = UUID.test(id) ? await db.packJob.findUnique({ where: { id } }) : null;
  if (!job || ownerOf(job) !== (actor.id ?? actor.label)) return null;
  return wakeIfStalled(jobOf(job));
}

/**
 * The API's view: every pack of a workspace within the hour, newest first. Anyone who may download evidence of
 * the workspace may generate the same pack, so an API token sees the workspace's packs, not only its owner's.
 */
export async function workspacePackJobs(db: Db, workspaceId: string): Promise<PackJob[]> {
  const rows = await db.packJob.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 1000,
  });
  return rows.map(jobOf).map(wakeIfStalled);
}

/** One pack of a workspace, whoever asked for it (the API's view, as above). */
export async function workspacePackJob(db: Db, workspaceId: string, id: string): Promise<PackJob | null> {
  const row = UUID.test(id) ? await db.packJob.findFirst({ where: { id, workspaceId } }) : null;
  return row ? wakeIfStalled(jobOf(row)) : null;
}

/** Packs of a workspace waiting for or held by a worker (the API caps them). */
export const unfinishedPackJobs = (db: Db, workspaceId: string) =>
  db.packJob.count({ where: { workspaceId, status: { in: ['queued', 'running'] } } });

/**
 * A queued job, or a running one whose worker fell silent, is looked at: wake this instance's worker, which takes
 * it over. This is how a pack outlives a restart even between the scheduler's passes.
 */
function wakeIfStalled(job: PackJob): PackJob {
  const silent = job.heartbeatAt && Date.now() - job.heartbeatAt.getTime() > staleSeconds() * 1000;
  if (job.status === 'queued' || (job.status === 'running' && silent)) kickPackWorker();
  return job;
}

/** The finished pack's bytes for the Evidence page, once: the file is removed when the stream ends. */
export async function takePack(db: Db, job: PackJob, dataDir: string) {
  const taken = await db.packJob.updateMany({
    where: { id: job.id, status: 'done', downloadedAt: null },
    data: { downloadedAt: new Date() },
  });
  const file = taken.count === 1 ? await servedFile(job, dataDir) : null;
  if (!file) return null;
  const stream = createReadStream(/*turbopackIgnore: true*/ file);
  stream.on('close', () => void rm(file, { force: true }));
  return stream;
}

/** A finished pack's bytes, kept for a retry (an API download may be interrupted), or null when its file is gone. */
export async function readPack(job: PackJob, dataDir: string) {
  const file = await servedFile(job, dataDir);
  return file ? createReadStream(/*turbopackIgnore: true*/ file) : null;
}

/** Only a done pack's file inside this install's packs directory is served: the CLI's --out file is the user's. */
async function servedFile(job: PackJob, dataDir: string): Promise<string | null> {
  if (job.status !== 'done' || !job.file || path.dirname(job.file) !== packsDir(dataDir)) return null;
  return (await stat(job.file).catch(() => null))?.isFile() ? job.file : null;
}

/**
 * Every minute (and once soon after start): wakes this instance's worker when a job waits or a worker fell silent,
 * and removes what is past its hour. A pack therefore outlives the instance that started it: whichever instance
 * looks next takes it over (instrumentation.ts starts this in each Next server).
 */
export function watchPackJobs(db: Db, dataDir: string, everyMs = 60_000): () => void {
  const pass = async () => {
    const stale = new Date(Date.now() - staleSeconds() * 1000);
    const waiting = await db.packJob.count({
      where: { OR: [{ status: 'queued' }, { status: 'running', path: null, heartbeatAt: { lt: stale } }] },
    });
    if (waiting > 0) kickPackWorker();
    await sweepPackJobs(db, dataDir);
  };
  const run = () => void pass().catch((error) => logger.warn({ err: error }, 'pack jobs: watch pass failed'));
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/** Takes the next job to write: a queued one, or one whose worker has been silent for `stale` seconds. */
export async function claimPackJob(
  db: Db,
  worker: string,
  options: { id?: string; stale?: number } = {},
): Promise<PackJob | null> {
  const stale = options.stale ?? staleSeconds();
  const silent = Prisma.sql`status = 'running' AND "heartbeatAt" < now() - make_interval(secs => ${stale})`;
  // A pack that keeps killing its worker, or one the CLI was writing to its own file, is not written again.
  await db.$executeRaw`
    UPDATE "PackJob" SET status = 'failed', "finishedAt" = now(), worker = NULL,
      error = CASE WHEN path IS NULL
        THEN 'The pack stopped its worker ' || attempt || ' times (out of memory?): start another, or use the CLI.'
        ELSE 'The command writing this pack stopped before it was done.' END
    WHERE ${silent} AND (attempt >= ${MAX_ATTEMPTS} OR path IS NOT NULL)`;
  const only = options.id ?? null;
  // SKIP LOCKED: two workers asking at once get two different jobs, or one gets none; never both the same.
  // The history names the worker a takeover replaced (the row still holds it): who fell silent, who went on.
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "PackJob" SET status = 'running', worker = ${worker}, attempt = attempt + 1, "heartbeatAt" = now(),
      "startedAt" = coalesce("startedAt", now()), files = 0, bytes = 0, current = '',
      history = history || jsonb_build_array(jsonb_build_object('attempt', attempt + 1, 'worker', ${worker}::text,
        'at', now(), 'takenOverFrom', CASE WHEN status = 'running' THEN worker END))
    WHERE id = (
      SELECT id FROM "PackJob"
      WHERE (status = 'queued' OR (${silent} AND path IS NULL)) AND (${only}::uuid IS NULL OR id = ${only}::uuid)
      ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id::text`;
  const id = claimed[0]?.id;
  return id ? jobOf(await db.packJob.findUniqueOrThrow({ where: { id } })) : null;
}

type Held = Pick<PackJob, 'id' | 'worker' | 'attempt'>;
const held = (job: Held) => ({ id: job.id, worker: job.worker, attempt: job.attempt, status: 'running' });

/** The worker's sign of life, with its progress; false when the job is no longer its own (taken over). */
export async function heartbeatPackJob(db: Db, job: Held, p: { files: number; bytes: number; path: string }) {
  // The database's clock, as the claim's: instances whose clocks differ still agree on who fell silent.
  const current = p.path.slice(0, 200);
  const count = await db.$executeRaw`
    UPDATE "PackJob" SET "heartbeatAt" = now(), files = ${p.files}, bytes = ${p.bytes}, current = ${current}
    WHERE id = ${job.id}::uuid AND worker = ${job.worker} AND attempt = ${job.attempt} AND status = 'running'`;
  return count === 1;
}

/** The posture the first attempt reports, kept so that a takeover writes the same pack. */
export async function keepPackPosture(db: Db, job: Held, posture: PostureAsOf) {
  await db.packJob.updateMany({ where: held(job), data: { posture: JSON.parse(JSON.stringify(posture)) } });
}

export class LostPackJob extends Error {
  constructor(id: string) {
    super(`pack ${id} was taken over by another worker`);
  }
}

/** Marks the job done in the transaction that records the pack; throws LostPackJob when it is no longer held. */
export async function finishPackJob(
  tx: Tx,
  job: Held & { fileCount: number },
  done: { file: string; sha256: string; size: number; manifestSha256: string; bytes: number },
) {
  const { count } = await tx.packJob.updateMany({
    where: held(job),
    data: {
      status: 'done',
      path: done.file,
      sha256: done.sha256,
      size: done.size,
      manifestSha256: done.manifestSha256,
      files: job.fileCount,
      bytes: done.bytes,
      current: '',
      finishedAt: new Date(),
    },
  });
  if (count !== 1) throw new LostPackJob(job.id);
}

export async function failPackJob(db: Db, job: Held, error: string) {
  await db.packJob.updateMany({
    where: held(job),
    data: { status: 'failed', error: error.slice(0, 500), finishedAt: new Date(), worker: null },
  });
}

/**
 * Removes jobs done or failed over an hour ago, their files, and any pack file of the packs directory past its hour
 * (only pack files: a shared TOLLGATE_PACKS_DIR may hold other things).
 */
export async function sweepPackJobs(db: Db, dataDir: string) {
  const dir = packsDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const before = new Date(Date.now() - KEEP_MS);
  const old = await db.packJob.findMany({
    where: { status: { in: ['done', 'failed'] }, finishedAt: { lt: before } },
    select: { id: true, path: true },
  });
  for (const job of old) if (job.path && path.dirname(job.path) === dir) await rm(job.path, { force: true });
  await db.packJob.deleteMany({ where: { id: { in: old.map((j) => j.id) } } });
  for (const name of await readdir(dir)) {
    if (!PACK_FILE.test(name)) continue;
    const file = path.join(dir, name);
    const at = await stat(file).catch(() => null);
    if (at && Date.now() - at.mtimeMs > KEEP_MS) await rm(file, { force: true });
  }
}

const ownerOf = (row: Pick<PackJobRow, 'actorId' | 'actorLabel'>) => row.actorId ?? row.actorLabel;

function jobOf(row: PackJobRow): PackJob {
  const scope: PackScope = {
    framework: row.framework as PackScope['framework'],
    ...(row.controlId ? { controlId: row.controlId } : {}),
  };
  const posture = row.posture as { at: string; source: PostureAsOf['source']; data: PostureAsOf['data'] } | null;
  return {
    id: row.id,
    owner: ownerOf(row),
    workspaceId: row.workspaceId,
    filename: row.filename,
    status: row.status as PackStatus,
    fileCount: row.fileCount,
    files: row.files,
    bytes: Number(row.bytes),
    current: row.current,
    manifestSha256: row.manifestSha256,
    error: row.error,
    file: row.path,
    sha256: row.sha256,
    size: row.size === null ? null : Number(row.size),
    createdAt: row.createdAt,
    request: { workspaceId: row.workspaceId, scope, period: { from: row.periodFrom, to: row.periodTo } },
    actor: {
      id: row.actorId,
      label: row.actorLabel,
      role: row.actorRole,
      requestId: row.requestId,
      sourceIp: row.sourceIp,
    },
    worker: row.worker,
    attempt: row.attempt,
    heartbeatAt: row.heartbeatAt,
    history: Array.isArray(row.history) ? (row.history as PackClaim[]) : [],
    posture: posture ? { ...posture, at: new Date(posture.at) } : null,
  };
}
