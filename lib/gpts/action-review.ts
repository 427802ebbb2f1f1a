// A reviewer's classification of a GPT action whose OpenAPI schema cannot be read (pure): which legs it lights,
// checked and put in the legs' order, and the stored rows turned into the map `classifyGpt` reads
// (`reviewedActions`, keyed by `actionReviewKey`). Like classifying an unknown MCP server: until then, every leg.
import { isLeg, type Leg, LEGS } from '@/lib/apps/legs.ts';
import { actionReviewKey } from '@/lib/gpts/legs.ts';
import type { GptAction } from '@/lib/gpts/types.ts';

export const MAX_ACTION_NOTE = 2000;

export type ActionReviewRow = { reviewKey: string; legs: readonly string[] };

/** The legs a form sent, each once and in the legs' order; anything else is refused with the value named. */
export function parseReviewLegs(values: readonly string[]): { ok: true; legs: Leg[] } | { ok: false; bad: string } {
  const bad = values.find((v) => !isLeg(v));
  if (bad !== undefined) return { ok: false, bad };
  return { ok: true, legs: LEGS.filter((leg) => values.includes(leg)) };
}

/** Stored reviews as `classifyGpt` reads them. A leg edited by hand into something else is dropped, never read. */
export function reviewedActionsMap(rows: readonly ActionReviewRow[]): Map<string, Leg[]> {
  return new Map(rows.map((r) => [r.reviewKey, LEGS.filter((leg) => r.legs.includes(leg))]));
}

/** The review keys of a GPT's unreadable actions: only those can be classified (a readable one has its legs). */
export function unknownActionKeys(actions: readonly GptAction[]): string[] {
  return [...new Set(actions.filter((a) => a.schemaStatus === 'unknown').map(actionReviewKey))].sort();
}
