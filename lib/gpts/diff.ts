// What changed between two versions of a GPT ("what changed since it was approved"), over the same canonical
// form the configuration hash reads, so "no change" here means "same hash". Stable order: area, subject,
// field, then the change itself. And which earlier version to roll back to in the builder.
import { type CanonicalAction, type CanonicalRisk, canonicalRisk, gptConfigHash } from '@/lib/gpts/config-hash.ts';
import type { GptRiskView, GptSharing } from '@/lib/gpts/types.ts';

export const DIFF_AREAS = ['sharing', 'capability', 'action', 'file', 'app'] as const;
export type GptDiffArea = (typeof DIFF_AREAS)[number];

export type GptChange = {
  area: GptDiffArea;
  change: 'added' | 'removed' | 'changed';
  /** What changed: a capability, an action's domain (with ` METHOD /path` for one operation), a file id… */
  subject: string;
  /** For `changed`: which field (auth, server, operation, consequential, visibility, recipient, name…). */
  field: string | null;
  before: string | null;
  after: string | null;
};

/** A version as the configs route gives it: sharing is not versioned there, so it may be missing. */
export type GptVersionView = Omit<GptRiskView, 'sharing'> & { sharing?: GptSharing | null };

export function diffGptVersions(before: GptVersionView, after: GptVersionView): GptChange[] {
  const a = canonicalRisk({ ...before, sharing: before.sharing ?? { visibility: 'private', recipients: [] } });
  const b = canonicalRisk({ ...after, sharing: after.sharing ?? { visibility: 'private', recipients: [] } });
  const changes: GptChange[] = [];
  if (before.sharing && after.sharing) diffSharing(a.sharing, b.sharing, changes);
  for (const [subject, change] of setChanges(a.capabilities, b.capabilities))
    changes.push(item('capability', change, subject));
  diffActions(a.actions, b.actions, changes);
  diffFiles(a.files, b.files, changes);
  for (const [subject, change] of setChanges(a.apps, b.apps)) changes.push(item('app', change, subject));
  return changes.sort(compareChanges);
}

/** The newest version whose hash is the approved one (the version to restore in the builder), or null. */
export function rollbackTarget<V extends GptVersionView & { configCreatedAt: string | null }>(
  versions: V[],
  approvedHash: string,
  sharing: GptSharing,
): V | null {
  const matching = versions.filter((v) => gptConfigHash({ ...v, sharing: v.sharing ?? sharing }) === approvedHash);
  matching.sort((x, y) => (x.configCreatedAt ?? '').localeCompare(y.configCreatedAt ?? ''));
  return matching.at(-1) ?? null;
}

function diffSharing(a: CanonicalRisk['sharing'], b: CanonicalRisk['sharing'], out: GptChange[]): void {
  if (a.visibility !== b.visibility)
    out.push({
      ...item('sharing', 'changed', 'visibility'),
      field: 'visibility',
      before: a.visibility,
      after: b.visibility,
    });
  for (const [recipient, change] of setChanges(a.recipients, b.recipients))
    out.push({ ...item('sharing', change, recipient), field: 'recipient' });
}

function diffActions(a: CanonicalAction[], b: CanonicalAction[], out: GptChange[]): void {
  const before = keyed(a);
  const after = keyed(b);
  for (const [key, action] of before) if (!after.has(key)) out.push(item('action', 'removed', key, action.auth));
  for (const [key, next] of after) {
    const prev = before.get(key);
    if (!prev) {
      out.push(item('action', 'added', key, next.auth));
      continue;
    }
    const field = (name: string, from: string | null, to: string | null) => {
      if (from !== to) out.push({ ...item('action', 'changed', key), field: name, before: from, after: to });
    };
    field('auth', prev.auth, next.auth);
    field('schema', prev.schema, next.schema);
    if (prev.schema === 'unknown' && next.schema === 'unknown')
      field('schemaSha256', prev.schemaSha256, next.schemaSha256);
    for (const [server, change] of setChanges(prev.servers, next.servers))
      out.push({ ...item('action', 'changed', key), field: 'server', [side(change)]: server });
    const prevOps = operationMap(prev.operations);
    const nextOps = operationMap(next.operations);
    for (const [op, change] of setChanges([...prevOps.keys()], [...nextOps.keys()]))
      out.push({ ...item('action', 'changed', key), field: 'operation', [side(change)]: op });
    for (const [op, gated] of nextOps) {
      const was = prevOps.get(op);
      if (was !== undefined && was !== gated)
        out.push({
          ...item('action', 'changed', `${key} ${op}`),
          field: 'consequential',
          before: `${was}`,
          after: `${gated}`,
        });
    }
  }
}

function diffFiles(a: CanonicalRisk['files'], b: CanonicalRisk['files'], out: GptChange[]): void {
  const before = new Map(a.map((f) => [f.id, f]));
  const after = new Map(b.map((f) => [f.id, f]));
  for (const [id, file] of before) if (!after.has(id)) out.push(item('file', 'removed', id, file.name));
  for (const [id, next] of after) {
    const prev = before.get(id);
    if (!prev) {
      out.push(item('file', 'added', id, next.name));
      continue;
    }
    for (const field of ['name', 'mimeType', 'size'] as const) {
      const from = prev[field] === null ? null : String(prev[field]);
      const to = next[field] === null ? null : String(next[field]);
      if (from !== to) out.push({ ...item('file', 'changed', id), field, before: from, after: to });
    }
  }
}

/** Actions keyed by domain; a second action on one domain is `domain#2` (in canonical order). */
function keyed(actions: CanonicalAction[]): Map<string, CanonicalAction> {
  const map = new Map<string, CanonicalAction>();
  for (const action of actions) {
    let key = action.domain;
    for (let n = 2; map.has(key); n++) key = `${action.domain}#${n}`;
    map.set(key, action);
  }
  return map;
}

/** `GET /x !` (consequential) → key `GET /x`, value true. */
function operationMap(operations: string[]): Map<string, boolean> {
  return new Map(operations.map((o) => (o.endsWith(' !') ? [o.slice(0, -2), true] : [o, false])));
}

function setChanges(before: string[], after: string[]): [string, 'added' | 'removed'][] {
  const a = new Set(before);
  const b = new Set(after);
  return [
    ...before.filter((x) => !b.has(x)).map((x): [string, 'removed'] => [x, 'removed']),
    ...after.filter((x) => !a.has(x)).map((x): [string, 'added'] => [x, 'added']),
  ];
}

function side(change: 'added' | 'removed'): 'before' | 'after' {
  return change === 'added' ? 'after' : 'before';
}

/** An added item carries its detail in `after`, a removed one in `before`. */
function item(
  area: GptDiffArea,
  change: GptChange['change'],
  subject: string,
  detail: string | null = null,
): GptChange {
  return {
    area,
    change,
    subject,
    field: null,
    before: change === 'removed' ? detail : null,
    after: change === 'added' ? detail : null,
  };
}

const CHANGE_ORDER = { removed: 0, added: 1, changed: 2 } as const;

function compareChanges(x: GptChange, y: GptChange): number {
  return (
    DIFF_AREAS.indexOf(x.area) - DIFF_AREAS.indexOf(y.area) ||
    cmp(x.subject, y.subject) ||
    cmp(x.field ?? '', y.field ?? '') ||
    CHANGE_ORDER[x.change] - CHANGE_ORDER[y.change] ||
    cmp(x.before ?? '', y.before ?? '') ||
    cmp(x.after ?? '', y.after ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
