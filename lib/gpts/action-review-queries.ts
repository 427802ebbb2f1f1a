// Reads of the reviewers' classifications of unreadable GPT actions (GptActionReview): every one of a workspace
// as the map the classifier takes, and the rows with who set them for the GPT page.
import type { Leg } from '@/lib/apps/legs.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { reviewedActionsMap } from '@/lib/gpts/action-review.ts';

export type ActionReviewView = { reviewKey: string; legs: Leg[]; note: string | null; setBy: string; setAt: Date };

/** A workspace has few unreadable actions (distinct documents, not GPTs), so all of them are read at once. */
export async function reviewedActionLegs(db: Db | Tx, workspaceId: string): Promise<Map<string, Leg[]>> {
  const rows = await db.gptActionReview.findMany({ where: { workspaceId }, select: { reviewKey: true, legs: true } });
  return reviewedActionsMap(rows);
}

export async function actionReviews(db: Db | Tx, workspaceId: string, keys: string[]): Promise<ActionReviewView[]> {
  if (keys.length === 0) return [];
  const rows = await db.gptActionReview.findMany({
    where: { workspaceId, reviewKey: { in: keys } },
    select: { reviewKey: true, legs: true, note: true, setBy: true, setAt: true },
    orderBy: { reviewKey: 'asc' },
  });
  const legs = reviewedActionsMap(rows);
  return rows.map((r) => ({ ...r, legs: legs.get(r.reviewKey) ?? [] }));
}
