// The audit chain, pure: canonical JSON, SHA-256 links and the verification walk.
// hash(n) = SHA-256(canonical(content(n)) with prevHash = hash(n-1)); the first link's prevHash is GENESIS.
import { createHash } from 'node:crypto';

export const GENESIS = '0'.repeat(64);

export type AuditContent = {
  seq: bigint;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  role: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  workspaceId: string | null;
  diff: unknown;
  requestId: string | null;
  sourceIp: string | null;
  prevHash: string;
};

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function hashEvent(e: AuditContent): string {
  // Exactly these fields, whatever else the row carries.
  const content = {
    seq: e.seq.toString(),
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    role: e.role,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    workspaceId: e.workspaceId,
    diff: e.diff,
    requestId: e.requestId,
    sourceIp: e.sourceIp,
    prevHash: e.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/**
 * The time an event is written with. Times never go back along the sequence — an evidence pack takes "the events
 * before an instant" as a prefix of the chain, and a signed head vouches for what was recorded before it was signed —
 * so a requested time (the record's own, e.g. a seeded step's) is raised to the latest of `floors` (the head event's
 * time, the last signed head's). Nor is it ever later than `clock`: a future time would pin every later event to it.
 */
export function auditTime(requested: Date | undefined, floors: (Date | null | undefined)[], clock: Date): Date {
  let at = requested && requested.getTime() < clock.getTime() ? requested : clock;
  for (const floor of floors) if (floor && floor.getTime() > at.getTime()) at = floor;
  return at;
}

export type ChainBreak = { seq: bigint; reason: string };

/** Walks events in seq order; returns the first broken link, or null. `expectedPrev` continues a walk. */
export function findBreak(
  events: Iterable<AuditContent & { hash: string }>,
  start: { prevHash: string; seq: bigint } = { prevHash: GENESIS, seq: 0n },
): { broken: ChainBreak | null; last: { prevHash: string; seq: bigint }; count: number } {
  let prev = start.prevHash;
  let lastSeq = start.seq;
  let count = 0;
  for (const e of events) {
    count++;
    if (e.seq !== lastSeq + 1n)
      return {
        broken: { seq: e.seq, reason: `sequence jumps from ${lastSeq} to ${e.seq} (events missing)` },
        last: { prevHash: prev, seq: lastSeq },
        count,
      };
    if (e.prevHash !== prev)
      return {
        broken: { seq: e.seq, reason: 'its previous-hash does not match the event before it' },
        last: { prevHash: prev, seq: lastSeq },
        count,
      };
    if (hashEvent(e) !== e.hash)
      return {
        broken: { seq: e.seq, reason: 'its content does not match its hash (the row was altered)' },
        last: { prevHash: prev, seq: lastSeq },
        count,
      };
    prev = e.hash;
    lastSeq = e.seq;
  }
  return { broken: null, last: { prevHash: prev, seq: lastSeq }, count };
}
