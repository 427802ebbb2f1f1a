// What an attempt's answer means for a platform action (docs/decisions/0026): accepted, already gone, refused, or
// "try again later" with a back-off that honours Retry-After. Pure: the executor and its tests share it.
import type { ActionKind } from './kinds.ts';

/** Attempts before an action that keeps meeting 429/5xx/no answer is failed. */
export const MAX_ATTEMPTS = 8;
export const BACKOFF_BASE_MS = 2_000;
/** The exponential back-off never waits longer than this… */
export const BACKOFF_CAP_MS = 5 * 60_000;
/** …and a Retry-After is honoured up to this (a platform asking for hours is treated as "later", not obeyed). */
export const RETRY_AFTER_CAP_MS = 15 * 60_000;

export type AttemptAnswer = { status: number | null; retryAfterMs: number | null; body: unknown; error: string | null };

export type Verdict =
  | { status: 'answered'; outcome: 'done' | 'already_gone'; note: string | null }
  | { status: 'failed'; outcome: 'refused' | 'failed'; note: string }
  | { status: 'queued'; retryInMs: number; note: string };

const TARGET_WORD: Record<ActionKind, string> = {
  unpublish_agent: 'agent',
  delete_agent: 'agent',
  isolate_gpt: 'GPT',
  delete_gpt: 'GPT',
  delete_gpt_file: 'knowledge file',
};

/** The platform's own message, if its body carries one ({error: {message}} or {message}), kept short. */
export function platformMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  const message =
    typeof error === 'object' && error !== null
      ? (error as { message?: unknown }).message
      : typeof error === 'string'
        ? error
        : (body as { message?: unknown }).message;
  return typeof message === 'string' && message.trim() ? message.trim().slice(0, 200) : null;
}

/**
 * Exponential back-off with full jitter (base · 2^(attempt-1), capped), unless the platform said when to come back:
 * then exactly that (capped). `attempt` is the number of the attempt that just ended (1 = the first).
 */
export function backoffMs(attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  if (retryAfterMs !== null && Number.isFinite(retryAfterMs) && retryAfterMs > 0)
    return Math.min(RETRY_AFTER_CAP_MS, Math.ceil(retryAfterMs));
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  // At least a second: a jitter of 0 must not turn into an immediate hammering retry.
  return Math.max(1_000, Math.round(ceiling * random()));
}

/** Judges the answer to attempt number `attempt` of an action of `kind`. */
export function judgeAnswer(
  kind: ActionKind,
  answer: AttemptAnswer,
  attempt: number,
  random: () => number = Math.random,
): Verdict {
  const said = platformMessage(answer.body);
  const suffix = said ? ` The platform said: ${said}` : '';
  const { status } = answer;
  if (status !== null && status >= 200 && status < 300) return { status: 'answered', outcome: 'done', note: null };
  if (status === 404)
    return {
      status: 'answered',
      outcome: 'already_gone',
      note: `The platform answered 404: the ${TARGET_WORD[kind]} is already gone, so there is nothing left to do.`,
    };
  if (status === 401)
    return {
      status: 'failed',
      outcome: 'refused',
      note:
        'The act key was refused (401): the platform does not know this key. ' +
        `Enter the act key again in Alerts → Sources.${suffix}`,
    };
  if (status === 403)
    return {
      status: 'failed',
      outcome: 'refused',
      note:
        'The act key was refused (403): it needs the delete/act scope (is the read key in the act-key field?). ' +
        `Create a key with that scope and enter it as the act key in Alerts → Sources.${suffix}`,
    };
  const retryable = status === null || status === 429 || status >= 500;
  if (!retryable)
    return { status: 'failed', outcome: 'failed', note: `The platform refused the request (${status}).${suffix}` };
  const what = status === null ? `no answer (${answer.error ?? 'the request did not complete'})` : `${status}${suffix}`;
  if (attempt >= MAX_ATTEMPTS)
    return { status: 'failed', outcome: 'failed', note: `Gave up after ${attempt} attempts: the last got ${what}.` };
  return {
    status: 'queued',
    retryInMs: backoffMs(attempt, answer.retryAfterMs, random),
    note: `Attempt ${attempt}: ${what}.`,
  };
}
