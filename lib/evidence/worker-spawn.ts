// Starts this instance's pack worker: a child process with a capped heap (cli/pack-worker-main.ts) that
// writes queued packs one after another and exits when none is left, so the web server never holds a pack. One
// child per instance at a time; a wake-up while it runs starts another pass when it exits, and a child that died
// leaves its job to be taken over once its heartbeat is stale (decision 0033).
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { logger } from '@/lib/log.ts';

/** The worker's old generation: a 1M-event pack's live data stays under ~70 MB (bench/RESULTS.md §6). */
export const PACK_HEAP_MB = 256;

/** The worker's database pool (cli/pack-worker-main.ts): one query of the pack, its heartbeat, its last transaction. */
export const PACK_WORKER_POOL_MAX = 3;

/** Seconds without a heartbeat after which a job's worker counts as dead (TOLLGATE_PACK_STALE_SECONDS). */
export function staleSeconds(env = process.env): number {
  const n = Number(env.TOLLGATE_PACK_STALE_SECONDS);
  return Number.isFinite(n) && n >= 1 ? n : 30;
}

type State = { child: ChildProcess | null; again: boolean; retry: ReturnType<typeof setTimeout> | null };
const shared = globalThis as { __tollgatePackWorker?: State };
shared.__tollgatePackWorker ??= { child: null, again: false, retry: null };
const state = shared.__tollgatePackWorker;

/** The command that runs a worker: Node with a capped heap, tsx for the TypeScript sources (as the CLI runs). */
export function workerCommand(env = process.env): { command: string; args: string[] } {
  const heap = Number(env.TOLLGATE_PACK_HEAP_MB) || PACK_HEAP_MB;
  // The Next server and the tests run from the project's root; the worker is read from the sources there.
  const main = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'cli/pack-worker-main.ts');
  return { command: process.execPath, args: [`--max-old-space-size=${heap}`, '--import', 'tsx', main] };
}

/** Wakes the worker: starts it unless it is running, in which case it gets one more pass when it exits. */
export function kickPackWorker(): void {
  if (state.child) {
    state.again = true;
    return;
  }
  state.again = false;
  const { command, args } = workerCommand();
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  state.child = child;
  child.once('error', (error) => logger.error({ err: error }, 'pack worker could not start'));
  child.once('exit', (code, signal) => {
    state.child = null;
    if (state.again) return kickPackWorker();
    // Killed mid-pack: its job is taken over once its heartbeat is stale, by the next worker this starts.
    if (code !== 0) {
      logger.warn({ code, signal }, 'pack worker stopped; its job is taken over when its heartbeat is stale');
      if (state.retry) clearTimeout(state.retry);
      state.retry = setTimeout(kickPackWorker, (staleSeconds() + 1) * 1000);
      state.retry.unref();
    }
  });
}

/** The running worker's process id, or null (tests kill it to prove a takeover). */
export const packWorkerPid = () => state.child?.pid ?? null;
