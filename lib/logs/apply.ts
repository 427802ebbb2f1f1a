// Applies stored Compliance Logs events to a workspace's derived state: the agents they describe (with
// history, one entry per event), their runs, their classification, and the alerts the rules raise. Every
// step is recomputed from all of an agent's stored events in event order, so applying again, or applying
// a late file, gives the same state as ordered delivery; alerts are keyed by their events, never repeated.
import type { Db, Tx } from '@/lib/db.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import { configHash } from '@/lib/agents/config-hash.ts';
import { classificationColumns } from '@/lib/agents/classification-columns.ts';
import { reclassifyWorkspace } from '@/lib/agents/reclassify.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import { queueDeliveries } from '@/lib/alerts/notify.ts';
import { builtinRules } from '@/lib/detections/builtin.ts';
import { baselineRoles } from '@/lib/roles/queries.ts';
import { detect, type AlertDraft } from '@/lib/detections/engine.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';
import { foldAgent, type AgentEvent, type ObservedAgent, type ObservedConnector } from './derive/agent-state.ts';
import { foldRuns } from './derive/runs.ts';

export type ApplyOutcome = { workspaceId: string | null; agents: number; runs: number; alerts: AlertDraft[] };

const BATCH = 200;

/** Applies the events of these agents (of one principal); held when the principal is no registered workspace. */
export async function applyAgentEvents(
  db: Db,
  principal: string,
  agentIds: string[],
  now = new Date(),
): Promise<ApplyOutcome> {
  const workspace = await db.workspace.findUnique({ where: { principal }, select: { id: true } });
  if (!workspace) return { workspaceId: null, agents: 0, runs: 0, alerts: [] };
  const outcome: ApplyOutcome = { workspaceId: workspace.id, agents: 0, runs: 0, alerts: [] };
  const ids = [...new Set(agentIds)].sort();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = await db.$transaction((tx) => applyBatch(tx, workspace.id, principal, ids.slice(i, i + BATCH), now), {
      timeout: 120_000,
    });
    outcome.agents += batch.agents;
    outcome.runs += batch.runs;
    outcome.alerts.push(...batch.alerts);
  }
  return outcome;
}

/** The agents a file's newly stored events are about, by principal. */
export async function agentsOfFile(db: Db | Tx, fileId: string): Promise<Map<string, string[]>> {
  const rows = await db.logFileAgent.findMany({ where: { fileId }, select: { principalId: true, agentId: true } });
  const byPrincipal = new Map<string, string[]>();
  for (const r of rows) {
    const list = byPrincipal.get(r.principalId);
    if (list) list.push(r.agentId);
    else byPrincipal.set(r.principalId, [r.agentId]);
  }
  return byPrincipal;
}

async function applyBatch(tx: Tx, workspaceId: string, principal: string, agentIds: string[], now: Date) {
  const events = await loadEvents(tx, principal, agentIds);
  const resolveApp = createAppResolver(await currentCatalogue(tx, workspaceId));
  const touched: string[] = [];
  let runs = 0;
  for (const agentId of agentIds) {
    const own = events.filter(
      (e) => (e.record.event_details as { agent_id?: string } | undefined)?.agent_id === agentId,
    );
    const state = foldAgent(agentId, own);
    if (state) touched.push(await upsertAgent(tx, workspaceId, state, resolveApp));
    for (const run of foldRuns(agentId, own)) {
      const data = {
        agentId,
        versionId: run.versionId,
        invoker: run.invoker,
        sharedInvocation: run.sharedInvocation,
        status: run.status,
        startedAt: run.startedAt ? new Date(run.startedAt) : null,
        endedAt: run.endedAt ? new Date(run.endedAt) : null,
        durationMs: run.durationMs,
        failure: run.failure,
        messages: run.messages,
        calls: run.calls,
        memory: run.memory,
        skills: run.skills,
      };
      await tx.agentRun.upsert({
        where: { workspaceId_runId: { workspaceId, runId: run.runId } },
        create: { workspaceId, runId: run.runId, ...data },
        update: data,
      });
      runs++;
    }
  }
  if (touched.length) await reclassifyWorkspace(tx, workspaceId, await currentCatalogue(tx, workspaceId), touched, now);

  const [since] = await tx.$queryRaw<{ first: string | null }[]>`
    SELECT to_char(min(oldest) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS first FROM "LogEventCount"
    WHERE "principalId" = ${principal}`;
  const drafts = detect(events, {
    rules: builtinRules(),
    resolveApp,
    reviewers: await reviewerEmails(tx, workspaceId),
    observedSince: since?.first ?? null,
    approved: await approvedConfigurations(tx, workspaceId),
  });
  const existing = new Set(
    (
      await tx.alert.findMany({ where: { workspaceId, key: { in: drafts.map((d) => d.key) } }, select: { key: true } })
    ).map((a) => a.key),
  );
  const fresh = drafts.filter((d) => !existing.has(d.key));
  if (fresh.length) {
    await tx.alert.createMany({
      data: fresh.map((d) => ({
        workspaceId,
        key: d.key,
        ruleId: d.ruleId,
        title: d.title,
        severity: d.severity,
        agentId: d.agentId,
        eventIds: d.eventIds,
        message: d.message,
        at: new Date(d.at),
      })),
      skipDuplicates: true,
    });
    await queueDeliveries(tx, workspaceId, fresh, now);
  }
  return { agents: touched.length, runs, alerts: fresh };
}

async function loadEvents(tx: Tx, principal: string, agentIds: string[]): Promise<AgentEvent[]> {
  const rows = await tx.$queryRaw<
    {
      eventId: string;
      ts: string;
      eventType: string | null;
      actorEmail: string | null;
      record: Record<string, unknown>;
    }[]
  >`
    SELECT "eventId", to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ts, "eventType",
    "actorEmail", record
    FROM "LogEvent" WHERE "principalId" = ${principal} AND "agentId" = ANY(${agentIds}) ORDER BY at, "eventId"`;
  return rows.map((r) => ({
    eventId: r.eventId,
    timestamp: r.ts,
    eventType: r.eventType,
    actorEmail: r.actorEmail,
    record: r.record,
  }));
}

function connectorInputs(connectors: ObservedConnector[]): ConnectorInput[] {
  return connectors.map((c) => ({
    app: c.app,
    allowedTools: c.allowedTools,
    approvals: c.approvals,
    authVariant: c.authVariant,
  }));
}

/**
 * The status the logs say, except that an agent suspended through Tollgate stays "suspended" while its suspension
 * is open and the logs only say it is unpublished (the platform's own record of that suspension, issue 18): the
 * suspension's restore decides when it is something else again.
 */
async function statusKeepingSuspension(tx: Tx, existing: { id: string; status: string } | null, status: string) {
  if (existing?.status !== 'suspended' || status !== 'draft') return status;
  const open = await tx.suspension.findFirst({
    where: { agentId: existing.id, triggeredAt: { not: null }, restoredAt: null },
    select: { id: true },
  });
  return open ? 'suspended' : status;
}

/** Creates or updates the agent from its observed state; history gets one entry per applied event. */
async function upsertAgent(
  tx: Tx,
  workspaceId: string,
  state: ObservedAgent,
  resolveApp: ReturnType<typeof createAppResolver>,
): Promise<string> {
  const connectors = connectorInputs(state.connectors);
  const hash = configHash(connectors);
  const existing = await tx.agent.findUnique({
    where: { workspaceId_externalId: { workspaceId, externalId: state.agentId } },
    select: { id: true, name: true, ownerEmail: true, kind: true, status: true },
  });
  // A custom GPT is written by the GPT read alone (lib/gpts/store.ts): an agent event naming its id changes nothing.
  if (existing?.kind === GPT_KIND) return existing.id;
  const fields = {
    name: state.name ?? existing?.name ?? state.agentId,
    ownerEmail: state.ownerEmail ?? existing?.ownerEmail ?? 'unknown',
    status: await statusKeepingSuspension(tx, existing, state.status),
    apps: connectors.map((c) => c.app),
    connectors,
    configHash: hash,
    versionId: state.versionId,
    skills: state.skills,
    triggers: state.triggers,
    lastEventAt: new Date(state.lastEventAt),
    publishedConfigHash: state.publishedConnectors ? configHash(connectorInputs(state.publishedConnectors)) : null,
    updatedAt: new Date(),
    ...classificationColumns(classifyAgent(connectors, resolveApp, { configHash: hash })),
  };
  const agent = existing
    ? await tx.agent.update({ where: { id: existing.id }, data: fields, select: { id: true } })
    : await tx.agent.create({
        data: {
          workspaceId,
          externalId: state.agentId,
          kind: 'workspace_agent',
          firstSeenAt: new Date(state.firstSeenAt),
          ...fields,
        },
        select: { id: true },
      });
  await tx.agentHistory.createMany({
    data: state.changes.map((c) => ({
      agentId: agent.id,
      at: new Date(c.at),
      kind: c.kind,
      detail: { ...c.detail, by: c.actorEmail, source: 'compliance_logs' },
      eventId: c.eventId,
    })),
    skipDuplicates: true,
  });
  return agent.id;
}

/**
 * The workspace's reviewers: active members of the group mapped to a role that the approved baseline lets
 * publish (agents-admin by default), or holding such a role directly. The baseline, not the observed
 * layout: a builder wrongly able to publish is not thereby a reviewer.
 */
async function reviewerEmails(tx: Tx, workspaceId: string): Promise<Set<string>> {
  const roles = (await baselineRoles(tx, workspaceId)).filter((r) => r.permissions.publish_agents);
  if (roles.length === 0) return new Set();
  const groups = roles.map((r) => r.groupName).filter((g): g is string => Boolean(g));
  const names = roles.map((r) => r.name);
  const rows = await tx.$queryRaw<{ email: string }[]>`
    SELECT DISTINCT m.email FROM "Member" m
    LEFT JOIN "GroupMember" gm ON gm."memberId" = m.id
    LEFT JOIN "Group" g ON g.id = gm."groupId"
    WHERE m."workspaceId" = ${workspaceId} AND m.status = 'active'
      AND (g."displayName" = ANY(${groups}) OR m."directAgentRoles" && ${names}::text[])`;
  return new Set(rows.map((r) => r.email.toLowerCase()));
}

/**
 * Configuration hashes approved in the publish review (every register entry, superseded ones too), by platform agent
 * id.
 */
async function approvedConfigurations(tx: Tx, workspaceId: string): Promise<Map<string, Set<string>>> {
  const rows = await tx.registerEntry.findMany({
    where: { workspaceId },
    select: { externalId: true, configHash: true },
  });
  const byAgent = new Map<string, Set<string>>();
  for (const r of rows) byAgent.set(r.externalId, (byAgent.get(r.externalId) ?? new Set()).add(r.configHash));
  return byAgent;
}
