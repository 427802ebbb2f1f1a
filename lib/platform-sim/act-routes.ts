// The simulated platform carrying out an acting route once the key, the limits and any simulated failure have let
// the request through: the Idempotency-Key replay (acted once), the act on an agent or a GPT, its log event in the
// feed, and — when a test asks — an answer held back after the act (the "answer lost" case of a retry).
import type { RouteName } from '@/lib/gpts/platform/definition.ts';
import type { Acted, Acting } from './acting.ts';
import type { AgentRegistry } from './agents.ts';
import { createIdempotencyStore, MAX_KEY_LENGTH } from './idempotency.ts';
import type { LogFeed } from './log-feed.ts';
import type { GptSource } from './source.ts';

/** The first `times` acts on `route` are carried out, then answered only after `ms`. */
export type SlowAnswer = { route: RouteName; ms: number; times: number };
export type Answer = { status: number; body: unknown; headers?: Record<string, string>; delayMs?: number };

export function createActRoutes(deps: {
  acting: Acting;
  agents: AgentRegistry;
  logs: LogFeed;
  source: GptSource;
  slowAnswers?: SlowAnswer[];
}) {
  const acted: Acted[] = [];
  const store = createIdempotencyStore();
  const slow = (deps.slowAnswers ?? []).map((s) => ({ ...s }));

  function handle(
    route: RouteName,
    params: Record<string, string>,
    request: string,
    idempotencyHeader: string | string[] | undefined,
  ): Answer {
    const key = typeof idempotencyHeader === 'string' && idempotencyHeader !== '' ? idempotencyHeader : null;
    if (Array.isArray(idempotencyHeader) || (key && key.length > MAX_KEY_LENGTH))
      return { status: 400, body: { error: { message: 'one Idempotency-Key of at most 255 characters' } } };
    const replay = store.lookup(key, request);
    if (replay) return { status: replay.status, body: replay.body, headers: { 'idempotent-replayed': 'true' } };
    const outcome =
      route === 'unpublishAgent' || route === 'deleteAgent'
        ? deps.agents.act(route, params)
        : deps.acting.act(route, params, deps.source);
    if (outcome.event) deps.logs.record(outcome.event.logType, outcome.event.eventType, outcome.event.details);
    if (outcome.status < 300) acted.push({ route, params, idempotencyKey: key });
    store.keep(key, request, outcome);
    const held = slow.find((s) => s.route === route && s.times > 0);
    if (held) held.times--;
    return { status: outcome.status, body: outcome.body, delayMs: held?.ms };
  }

  return { acted, handle };
}
