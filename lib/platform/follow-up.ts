// After the platform answers an action, its log event is what confirms it (docs/decisions/0026): rather than wait
// for the 15-minute pull, the logs are pulled every minute while an answered action awaits its event, for
// FOLLOW_UP_MS after its answer. Read only: the job (scripts/start.ts) queues the pull.
import type { Db } from '@/lib/db.ts';
import { FOLLOW_UP_MS } from './kinds.ts';

/** Whether an action answered within FOLLOW_UP_MS still waits for its log event. */
export async function awaitingLogs(db: Db, now = new Date()): Promise<boolean> {
  const waiting = await db.platformAction.findFirst({
    where: {
      status: 'answered',
      answeredAt: { gte: new Date(now.getTime() - FOLLOW_UP_MS) },
      OR: [{ outcome: null }, { outcome: { not: 'already_gone' } }],
    },
    select: { id: true },
  });
  return waiting !== null;
}
