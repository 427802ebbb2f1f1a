// For tests that race two ingesters: resolves once some connection's key claim (an INSERT into LogEventKey, alone or
// in the store's claim statement) waits on a lock, i.e. has reached a key another transaction holds.
import type pg from 'pg';

export async function untilClaimWaits(observer: pg.Client): Promise<void> {
  for (let waiting = 0; waiting === 0; ) {
    await new Promise((r) => setTimeout(r, 20));
    // Inside its transaction, the observer would see pg_stat_activity as of its first look: look afresh each time.
    await observer.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await observer.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'
       AND query LIKE '%INSERT INTO "LogEventKey"%'`,
    );
    waiting = rows[0].n;
  }
}
