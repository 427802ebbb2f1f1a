// Writes claimed pack jobs (decision 0033). The ZIP goes to a temporary name beside its target, is flushed to disk
// and renamed only in the transaction that marks the job done and records `evidence.pack`: a killed worker leaves
// a .part file nobody serves, and whoever takes the job over starts again from the first byte. The heartbeat
// carries the progress; a heartbeat that finds the job held by another worker stops this one.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import type { SigningKey } from '@/lib/audit/signing.ts';
import type { Db } from '@/lib/db.ts';
import { logger } from '@/lib/log.ts';
import { preparePack } from './assemble.ts';
import { evidenceAsOf } from './as-of.ts';
import { writePrepared } from './generate.ts';
import {
  claimPackJob,
  failPackJob,
  finishPackJob,
  heartbeatPackJob,
  keepPackPosture,
  LostPackJob,
  type PackJob,
  packsDir,
} from './jobs.ts';
import type { PackProgress } from './pack-writer.ts';
import type { PostureAsOf } from './types.ts';

export type PackWorker = {
  db: Db;
  key: SigningKey;
  dataDir: string;
  /** This worker's name in the job's row: host, process and a random part. */
  name: string;
  heartbeatMs?: number;
  /** Seconds of silence after which another worker's job is taken over. */
  stale?: number;
  onProgress?: (job: PackJob, p: PackProgress) => void;
};

export type PackResult = { file: string; sha256: string; size: number; manifestSha256: string; asOf: Date };

/** Writes jobs until none is left to claim; answers how many it wrote. */
export async function runPackJobs(worker: PackWorker): Promise<number> {
  let written = 0;
  for (;;) {
    const job = await claimPackJob(worker.db, worker.name, { stale: worker.stale });
    if (!job) return written;
    try {
      if (await writePackJob(worker, job)) written++;
    } catch (error) {
      // Recorded on the job (failPackJob) for whoever asked; the worker goes on with the next.
      logger.warn({ pack: job.id, err: error }, 'evidence pack failed');
    }
  }
}

/**
 * Writes one held job to `target` (default: the packs directory). Null when another worker took it over; a failure
 * is recorded on the job and thrown.
 */
export async function writePackJob(worker: PackWorker, job: PackJob, target?: string): Promise<PackResult | null> {
  const { db, key } = worker;
  const dir = packsDir(worker.dataDir);
  const dest = target ?? path.join(dir, `${job.id}.zip`);
  const temp = `${dest}.${job.attempt}-${randomBytes(4).toString('hex')}.part`;
  let progress: PackProgress = { files: 0, bytes: 0, path: '' };
  let finishing = false;
  let lost = false;
  let out: Awaited<ReturnType<typeof hashedFile>>;
  try {
    if (!target) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await removeEarlierAttempts(dir, job.id);
    }
    out = await hashedFile(temp);
  } catch (error) {
    await failPackJob(db, job, (error as Error).message);
    throw error;
  }
  const beat = setInterval(() => {
    heartbeatPackJob(db, job, progress).then(
      (mine) => {
        if (mine || finishing) return;
        lost = true;
        out.stream.destroy(new LostPackJob(job.id));
      },
      () => {}, // a missed heartbeat is retried at the next tick; silence for `stale` seconds gives the job away
    );
  }, worker.heartbeatMs ?? 1000);
  try {
    const posture = job.posture ?? (await firstPosture(db, job));
    const pack = await preparePack(db, job.request, key, job.createdAt, posture);
    const outcome = await writePrepared(db, job.actor, pack, out.stream, key, {
      now: job.createdAt,
      onProgress: (p) => {
        progress = p;
        worker.onProgress?.(job, p);
      },
      onWritten: async (tx, written) => {
        finishing = true;
        const { manifestSha256 } = written;
        const done = { file: dest, sha256: out.sha256(), size: out.size(), manifestSha256, bytes: progress.bytes };
        await finishPackJob(tx, job, done);
        // Published while the row is locked: only the worker that holds the job does it. A file of the caller's
        // own (the CLI's --out) is linked, so that one created meanwhile is never overwritten.
        if (target) {
          await link(temp, dest);
          await rm(temp, { force: true });
        } else await rename(temp, dest);
      },
    });
    return {
      file: dest,
      sha256: out.sha256(),
      size: out.size(),
      manifestSha256: outcome.manifestSha256,
      asOf: outcome.asOf,
    };
  } catch (error) {
    out.stream.destroy();
    await rm(temp, { force: true });
    // Taken over: the stream was destroyed under the writer (whatever error that gave) or the finish refused.
    if (lost || error instanceof LostPackJob) return null;
    await failPackJob(db, job, (error as Error).message);
    throw error;
  } finally {
    clearInterval(beat);
  }
}

/**
 * The posture of the first attempt, kept in the job: a running period's pack evaluates it at the request's instant,
 * and a takeover reuses it (JSON both times, so both attempts render the same report).
 */
async function firstPosture(db: Db, job: PackJob): Promise<PostureAsOf> {
  const { posture } = await evidenceAsOf(db, job.workspaceId, job.request.period, job.createdAt);
  await keepPackPosture(db, job, posture);
  const kept = JSON.parse(JSON.stringify(posture)) as PostureAsOf & { at: string };
  return { ...kept, at: new Date(kept.at) };
}

async function removeEarlierAttempts(dir: string, id: string) {
  for (const name of await readdir(dir).catch(() => [] as string[]))
    if (name.startsWith(`${id}.zip.`) && name.endsWith('.part')) await rm(path.join(dir, name), { force: true });
}

/**
 * A new file (never an existing one) behind a stream that hashes what it writes and finishes only once the bytes
 * are on disk (fsync), so the rename that follows publishes a whole pack.
 */
async function hashedFile(file: string) {
  const disk = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  await once(disk, 'open');
  const hash = createHash('sha256');
  let size = 0;
  let digest: string | null = null;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      if (disk.write(chunk)) done();
      else disk.once('drain', () => done());
    },
    final(done) {
      // Closed, then synced through a descriptor of its own: fsync flushes the file, whichever descriptor asks.
      disk.end();
      once(disk, 'close')
        .then(() => open(file, 'r'))
        .then(async (handle) => {
          await handle.sync();
          await handle.close();
        })
        .then(() => done(), done);
    },
    destroy(error, done) {
      disk.destroy();
      done(error);
    },
  });
  disk.on('error', (error) => stream.destroy(error));
  // Its errors reach the writer through the ZIP's pipeline; one raised before the pipeline exists (the job was
  // taken over while the pack was being prepared) must not be an uncaught exception.
  stream.on('error', () => {});
  return {
    stream,
    size: () => size,
    sha256: () => (digest ??= hash.digest('hex')),
  };
}
