// The simulated platform's Idempotency-Key handling (docs/decisions/0026; the real platform's is assumed): the
// first answer of an act is kept under its key, and the same key on the same request gets that answer again
// without acting twice — what makes the executor's retry after a lost answer safe. The same key on another
// request is refused (422), as payment APIs do. Refusals before the act (401, 403, 429) are not kept.
export type Stored = { request: string; status: number; body: unknown };
export type Replay = { status: number; body: unknown; replayed: true };

export type IdempotencyStore = {
  /** The kept answer for this key and request, a 422 for this key on another request, or null (act now). */
  lookup(key: string | null, request: string): Replay | null;
  keep(key: string | null, request: string, answer: { status: number; body: unknown }): void;
  readonly size: number;
};

export const MAX_KEY_LENGTH = 255;

export function createIdempotencyStore(): IdempotencyStore {
  const kept = new Map<string, Stored>();
  return {
    lookup(key, request) {
      if (key === null) return null;
      const stored = kept.get(key);
      if (!stored) return null;
      if (stored.request !== request)
        return {
          status: 422,
          body: { error: { message: 'this Idempotency-Key was used for another request' } },
          replayed: true,
        };
      return { status: stored.status, body: stored.body, replayed: true };
    },
    keep(key, request, answer) {
      if (key !== null) kept.set(key, { request, ...answer });
    },
    get size() {
      return kept.size;
    },
  };
}
