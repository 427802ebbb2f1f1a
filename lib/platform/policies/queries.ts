// Reads for the response policies: the version in force and its history, the latest decisions, and the candidates
// of each rule — only from data the platform itself gave Tollgate (docs/decisions/0026 "Response policies"):
// - published without approval: a workspace agent the inventory shows published at a configuration without an
//   approval, and whose lifecycle events read by the puller (LogFile.source = 'puller') show the same publication;
// - trifecta after approval: a published workspace agent now `exposed` at an unapproved configuration, where the
//   puller's events show that configuration and, before it, an approved configuration that was not a trifecta;
// - GPT shared beyond policy: an open, unexcepted finding of that kind on a GPT whose state came from the API read.
// An uploaded or CLI-fed log file, or a GPT file import, can change the inventory but never makes a candidate.
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { exceptionsOf } from '@/lib/findings/queries.ts';
import { findingStatus } from '@/lib/findings/status.ts';
import type { AgentEvent } from '@/lib/logs/derive/agent-state.ts';
import { AGENT_LIFECYCLE } from '@/lib/logs/event-types.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import type { ActionStatus } from '@/lib/platform/kinds.ts';
import { platformView } from './platform-view.ts';
import {
  type Candidate,
  DEFAULT_RULES,
  HOUR_MS,
  type PastDecision,
  type PolicyRule,
  type PolicyRules,
  parsePolicyRules,
} from './rules.ts';

type Reader = Db | Tx;

/** Actions still under way: a policy leaves their target alone until they settle. */
export const OPEN_STATUSES: readonly ActionStatus[] = [
  'awaiting_approval',
  'queued',
  'sending',
  'answered',
  'not_seen',
];
/** One evaluation looks at this many targets per rule at most (the rest are seen by the next one). */
export const MAX_CANDIDATES = 5_000;

export type PolicyInForce = {
  rules: PolicyRules;
  /** 0 while nothing was saved (every rule off). */
  version: number;
  note: string | null;
  createdBy: string | null;
  createdAt: Date | null;
};

/** A stored version read back through the parser: a row edited by hand never turns a rule on by mistake. */
const stored = (json: unknown): PolicyRules => {
  const parsed = parsePolicyRules(json);
  return parsed.ok ? parsed.rules : DEFAULT_RULES;
};

export async function loadResponsePolicy(db: Reader, workspaceId: string): Promise<PolicyInForce> {
  const row = await db.responsePolicyVersion.findFirst({ where: { workspaceId }, orderBy: { version: 'desc' } });
  if (!row) return { rules: DEFAULT_RULES, version: 0, note: null, createdBy: null, createdAt: null };
  return {
    rules: stored(row.rules),
    version: row.version,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** Newest first. */
export async function responsePolicyHistory(db: Reader, workspaceId: string, take = 100): Promise<PolicyInForce[]> {
  const rows = await db.responsePolicyVersion.findMany({ where: { workspaceId }, orderBy: { version: 'desc' }, take });
  return rows.map((r) => ({
    rules: stored(r.rules),
    version: r.version,
    note: r.note,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  }));
}

export type DecisionView = {
  id: string;
  rule: string;
  targetId: string;
  configHash: string;
  mode: string;
  decidedAt: Date;
  detail: string;
  actionId: string | null;
  actionStatus: string | null;
  label: string | null;
};

/** The latest decisions, newest first, with the status of the action each one asked for. */
export async function latestDecisions(db: Reader, workspaceId: string, take = 100): Promise<DecisionView[]> {
  const rows = await db.responsePolicyDecision.findMany({
    where: { workspaceId },
    orderBy: [{ decidedAt: 'desc' }, { id: 'asc' }],
    take,
  });
  const ids = rows.flatMap((r) => (r.actionId ? [r.actionId] : []));
  const actions = await db.platformAction.findMany({
    where: { id: { in: ids }, workspaceId },
    select: { id: true, status: true, targetLabel: true },
  });
  const byId = new Map(actions.map((a) => [a.id, a]));
  return rows.map((r) => {
    const action = r.actionId ? byId.get(r.actionId) : undefined;
    return {
      id: r.id,
      rule: r.policyKey,
      targetId: r.targetId,
      configHash: r.configHash,
      mode: r.mode,
      decidedAt: r.decidedAt,
      detail: r.detail,
      actionId: r.actionId,
      actionStatus: action?.status ?? null,
      label: action?.targetLabel ?? null,
    };
  });
}

/** The decisions an evaluation must know: those about these targets, and every one of the last hour. */
export async function pastDecisions(
  db: Reader,
  workspaceId: string,
  targetIds: string[],
  now: Date,
): Promise<PastDecision[]> {
  const rows = await db.responsePolicyDecision.findMany({
    where: {
      workspaceId,
      OR: [{ targetId: { in: targetIds } }, { decidedAt: { gt: new Date(now.getTime() - HOUR_MS) } }],
    },
    select: { policyKey: true, targetId: true, configHash: true, mode: true, decidedAt: true },
  });
  return rows.map((r) => ({ rule: r.policyKey, ...r }));
}

/** `kind\0target` of every action still under way in the workspace. */
export async function busyTargets(db: Reader, workspaceId: string): Promise<Set<string>> {
  const rows = await db.platformAction.findMany({
    where: { workspaceId, kind: { in: ['unpublish_agent', 'isolate_gpt'] }, status: { in: [...OPEN_STATUSES] } },
    select: { kind: true, targetId: true },
    distinct: ['kind', 'targetId'],
  });
  return new Set(rows.map((r) => `${r.kind}\u0000${r.targetId}`));
}

/** The candidates of the rules that are not off. */
export async function policyCandidates(
  db: Reader,
  workspaceId: string,
  rules: ReadonlySet<PolicyRule>,
  now: Date,
): Promise<Candidate[]> {
  const out: Candidate[] = [];
  if (rules.has('published_unapproved') || rules.has('trifecta_after_approval'))
    out.push(...(await agentCandidates(db, workspaceId, rules)));
  if (rules.has('gpt_shared_beyond_policy')) out.push(...(await gptCandidates(db, workspaceId, now)));
  return out;
}

type AgentRow = {
  id: string;
  externalId: string;
  name: string;
  configHash: string;
  publishedConfigHash: string | null;
  effectiveState: string;
};

async function agentCandidates(db: Reader, workspaceId: string, rules: ReadonlySet<PolicyRule>): Promise<Candidate[]> {
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { principal: true } });
  if (!workspace?.principal) return [];
  const unapproved = rules.has('published_unapproved');
  const afterApproval = rules.has('trifecta_after_approval');
  // The inventory narrows; the puller's own events decide below.
  const agents = await db.$queryRaw<AgentRow[]>`
    SELECT a.id, a."externalId", a.name, a."configHash", a."publishedConfigHash", a."effectiveState"
    FROM "Agent" a
    WHERE a."workspaceId" = ${workspaceId} AND a.kind = 'workspace_agent' AND a.status = 'published'
      AND (
        (${unapproved} AND a."publishedConfigHash" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "RegisterEntry" r
          WHERE r."agentId" = a.id AND r."configHash" = a."publishedConfigHash"))
        OR (${afterApproval} AND a."effectiveState" = 'exposed'
          AND EXISTS (SELECT 1 FROM "RegisterEntry" r WHERE r."agentId" = a.id)
          AND NOT EXISTS (SELECT 1 FROM "RegisterEntry" r WHERE r."agentId" = a.id AND r."configHash" = a."configHash"))
      )
    ORDER BY a."externalId" LIMIT ${MAX_CANDIDATES}`;
  if (agents.length === 0) return [];
  const events = await pulledLifecycleEvents(
    db,
    workspace.principal,
    agents.map((a) => a.externalId),
  );
  const approved = new Map<string, Set<string>>();
  for (const r of await db.registerEntry.findMany({
    where: { workspaceId, agentId: { in: agents.map((a) => a.id) } },
    select: { agentId: true, configHash: true },
  }))
    approved.set(r.agentId, (approved.get(r.agentId) ?? new Set()).add(r.configHash));
  const resolveApp = afterApproval ? createAppResolver(await currentCatalogue(db, workspaceId)) : null;
  const out: Candidate[] = [];
  for (const a of agents) {
    const hashes = approved.get(a.id) ?? new Set<string>();
    const view = platformView(a.externalId, events.get(a.externalId) ?? [], hashes);
    if (view?.status !== 'published') continue;
    const base = { targetId: a.externalId, agentId: a.id, label: a.name || a.externalId };
    const published = a.publishedConfigHash;
    if (unapproved && published && view.publishedHash === published && !hashes.has(published))
      out.push({
        ...base,
        rule: 'published_unapproved',
        configHash: published,
        why: `${base.label} was published at configuration ${published.slice(0, 12)}…, which has no approval`,
      });
    if (
      resolveApp &&
      a.effectiveState === 'exposed' &&
      !hashes.has(a.configHash) &&
      view.currentHash === a.configHash &&
      view.approvedConnectors &&
      !classifyAgent(view.approvedConnectors, resolveApp).trifecta
    )
      out.push({
        ...base,
        rule: 'trifecta_after_approval',
        configHash: a.configHash,
        why:
          `${base.label} holds the lethal trifecta at configuration ${a.configHash.slice(0, 12)}…, ` +
          'which its approved configuration did not',
      });
  }
  return out;
}

/** Lifecycle events the puller read from the platform, by agent id. */
async function pulledLifecycleEvents(db: Reader, principal: string, agentIds: string[]) {
  const rows = await db.$queryRaw<
    {
      agentId: string;
      eventId: string;
      ts: string;
      eventType: string | null;
      actorEmail: string | null;
      record: Record<string, unknown>;
    }[]
  >`
    SELECT e."agentId", e."eventId", to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts,
      e."eventType", e."actorEmail", e.record
    FROM "LogEvent" e JOIN "LogFile" f ON f.id = e."fileId"
    WHERE e."principalId" = ${principal} AND e."agentId" = ANY(${agentIds}) AND f.source = 'puller'
      AND e."eventType" = ANY(${[...AGENT_LIFECYCLE]})
    ORDER BY e.at, e."eventId"`;
  const byAgent = new Map<string, AgentEvent[]>();
  for (const r of rows) {
    // Only events whose own record names the agent (as the inventory's fold reads them).
    if ((r.record.event_details as { agent_id?: unknown } | undefined)?.agent_id !== r.agentId) continue;
    const list = byAgent.get(r.agentId) ?? [];
    list.push({
      eventId: r.eventId,
      timestamp: r.ts,
      eventType: r.eventType,
      actorEmail: r.actorEmail,
      record: r.record,
    });
    byAgent.set(r.agentId, list);
  }
  return byAgent;
}

async function gptCandidates(db: Reader, workspaceId: string, now: Date): Promise<Candidate[]> {
  const rows = await db.$queryRaw<
    {
      key: string;
      kind: string;
      subjectId: string;
      subjectLabel: string;
      status: string;
      cause: unknown;
      id: string;
      name: string;
      configHash: string;
      message: string;
    }[]
  >`
    SELECT f.key, f.kind, f."subjectId", f."subjectLabel", f.status, f.cause, f.message, a.id, a.name, a."configHash"
    FROM "Finding" f
    JOIN "Agent" a ON a."workspaceId" = f."workspaceId" AND a."externalId" = f."subjectId" AND a.kind = 'custom_gpt'
    JOIN "GptState" s ON s."agentId" = a.id
    WHERE f."workspaceId" = ${workspaceId} AND f.kind = 'gpt-shared-beyond-policy' AND f.status = 'open'
      AND a."inLatestExport" AND a.status <> 'deleted' AND s.source = 'api' AND s.visibility <> 'private'
    ORDER BY a."externalId" LIMIT ${MAX_CANDIDATES}`;
  if (rows.length === 0) return [];
  const exceptions = await exceptionsOf(db, workspaceId);
  return rows
    .filter((r) => findingStatus(r, exceptions, now).status === 'open')
    .map((r) => ({
      rule: 'gpt_shared_beyond_policy' as const,
      targetId: r.subjectId,
      agentId: r.id,
      configHash: r.configHash,
      label: r.name || r.subjectId,
      why: `${r.name || r.subjectId}: ${r.message.replace(/\.$/, '')}`,
    }));
}
