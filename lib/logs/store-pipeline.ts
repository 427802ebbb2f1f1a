// The batches of one file, stored over two connections at once (issue 20 item 2): while one batch's events are
// written, the next batch's keys are being claimed on the other connection, so neither Node nor the server waits for
// the other between statements. Three rules keep lib/logs/store.ts's guarantees exactly as with one connection:
// - batches commit in file order: a batch's counts, the file's progress and its COMMIT wait for the previous batch's
//   COMMIT, so the file's `lines` is always the end of a run of committed batches and a kill -9 resumes there;
// - a batch starts claiming keys only once the previous batch holds every key it will take: a key both batches hold
//   (a redelivery) makes only the later one wait, never the earlier one, so the wait for the previous COMMIT cannot
//   close a circle the server would not see;
// - a failed batch fails the file: the later batch in flight rolls back, and nothing after it starts.
import type pg from 'pg';
import { type Batch, claimBatch, type FileCtx, finishBatch, type Quarantined, writeBatch } from './store-batch.ts';

export type Stored = { inserted: number; rejected: Quarantined[] };

export class BatchPipeline {
  #claimed: Promise<void> = Promise.resolve();
  #committed: Promise<void> = Promise.resolve();
  readonly #idle: Promise<void>[];
  #next = 0;
  #failure: { error: unknown } | null = null;

  /** `onStored` is called after each batch's COMMIT, in file order; what it throws fails the file. */
  constructor(
    private readonly connections: readonly pg.ClientBase[],
    private readonly file: FileCtx,
    private readonly onStored: (batch: Batch, stored: Stored) => void,
  ) {
    this.#idle = connections.map(() => Promise.resolve());
  }

  /** Starts storing a batch once one of the connections is free. Throws what failed an earlier batch. */
  async push(batch: Batch): Promise<void> {
    const slot = this.#next++ % this.connections.length;
    await this.#idle[slot];
    if (this.#failure) throw this.#failure.error;
    const client = this.connections[slot]!;
    const previousClaimed = this.#claimed;
    const previousCommitted = this.#committed;
    let claimed!: () => void;
    this.#claimed = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    const run = (async () => {
      let claim: Awaited<ReturnType<typeof claimBatch>>;
      try {
        await previousClaimed;
        claim = await claimBatch(client, this.file, batch);
      } finally {
        claimed();
      }
      const written = await writeBatch(client, this.file, batch, claim);
      await previousCommitted;
      this.onStored(batch, await finishBatch(client, this.file, batch, written));
    })().catch(async (error: unknown) => {
      this.#failure ??= { error };
      await client.query('ROLLBACK').catch(() => {}); // outside a transaction only a warning
      throw error;
    });
    this.#committed = run;
    this.#idle[slot] = run.catch(() => {});
  }

  /** Waits for every batch pushed; throws what failed the first one that failed. */
  async drain(): Promise<void> {
    await Promise.all(this.#idle);
    if (this.#failure) throw this.#failure.error;
  }
}
