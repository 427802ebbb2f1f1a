// Runs the rules over a workspace's agent events in event order, pure. Each rule's Sigma selection picks
// candidate events; its `tollgate.check` decides with the agent's state at that moment. An alert's key is
// its rule plus the events behind it, so evaluating the same history again never raises it twice.
import { configHash } from '@/lib/agents/config-hash.ts';
import type { AppResolver } from '@/lib/apps/resolve.ts';
import { compareEvents } from '@/lib/logs/event.ts';
import {
  applyAgentEvent,
  type AgentEvent,
  type ObservedAgent,
  type ObservedConnector,
} from '@/lib/logs/derive/agent-state.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import type { SigmaRule } from './rule-file.ts';
import { compileDetection, type Predicate } from './sigma.ts';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type AlertDraft = {
  key: string;
  ruleId: string;
  title: string;
  severity: Severity;
  agentId: string | null;
  eventIds: string[];
  at: string;
  message: string;
};

export type DetectionContext = {
  rules: SigmaRule[];
  resolveApp: AppResolver;
  /** Lower-cased emails of the workspace's reviewers (members who may publish agents). */
  reviewers: Set<string>;
  /** The workspace's earliest observed event: first-use alerts stay silent for 30 days after it. */
  observedSince: string | null;
  /** Configuration hashes approved in Tollgate's publish review, by platform agent id: "reviewed" means this. */
  approved: ReadonlyMap<string, ReadonlySet<string>>;
};

const DAY_MS = 86_400_000;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function detect(events: AgentEvent[], ctx: DetectionContext): AlertDraft[] {
  const compiled = ctx.rules
    .filter((r) => r.tollgate?.check)
    .map((rule) => ({ rule, match: compileDetection(rule.detection) as Predicate }));
  const agents = new Map<string, ObservedAgent>();
  const lastUse = new Map<string, number>();
  const lastApproved = new Map<string, ObservedConnector[]>();
  const alerts: AlertDraft[] = [];
  const since = ctx.observedSince ? Date.parse(ctx.observedSince) : null;

  for (const e of [...events].sort(compareEvents)) {
    const details = (e.record.event_details ?? {}) as Record<string, unknown>;
    const agentId = str(details.agent_id);
    const before = agentId ? snapshot(agents.get(agentId)) : null;
    const after = agentId ? applyAgentEvent(agents.get(agentId) ?? null, agentId, e) : null;
    if (agentId && after) {
      agents.set(agentId, after);
      if (ctx.approved.get(agentId)?.has(hashOf(after.connectors))) lastApproved.set(agentId, [...after.connectors]);
    }
    for (const { rule, match } of compiled) {
      if (!match(e.record)) continue;
      const raise = (severity: Severity, message: string, eventIds = [e.eventId]) =>
        alerts.push({
          key: `${rule.id}:${eventIds.join(',')}`,
          ruleId: rule.id,
          title: rule.title,
          severity,
          agentId,
          eventIds,
          at: e.timestamp,
          message,
        });
      const t = rule.tollgate!;
      switch (t.check) {
        case 'first_use': {
          const keyFields = (t.key as string[] | undefined) ?? [];
          const key = keyFields.map((f) => String(lookup(e.record, f) ?? '')).join('\u0000');
          const at = Date.parse(e.timestamp);
          const previous = lastUse.get(key);
          lastUse.set(key, at);
          const lookback = Number(t.lookback_days ?? 30) * DAY_MS;
          const quiet = since !== null && at < since + Number(t.quiet_first_days ?? 30) * DAY_MS;
          if ((previous === undefined || at - previous > lookback) && !quiet) {
            const connector = str(details.connector_id) ?? '?';
            const mcp = isCustomMcp(connector, ctx.resolveApp);
            raise(
              mcp ? ((t.level_when_custom_mcp as Severity) ?? 'high') : (rule.level as Severity),
              `${after?.name ?? agentId} called ` +
                `${connector}.${str(details.action_name) ?? '?'} for the first time in ` +
                `${t.lookback_days ?? 30} days${mcp ? ' (a custom MCP server)' : ''}.`,
            );
          }
          break;
        }
        case 'connector_granted': {
          if (!agentId || !after) break;
          const had = new Set((before?.connectors ?? []).map((c) => c.app));
          const granted =
            e.eventType === 'CONNECTOR_OAUTH_RESOLVED'
              ? [str(details.connector_id)].filter(
                  (c): c is string => c !== null && !after.connectors.some((x) => x.app === c),
                )
              : after.connectors.map((c) => c.app).filter((c) => !had.has(c));
          if (granted.length === 0 || (before === null && e.eventType === 'AGENT_CREATED')) break;
          const nowTrifecta = trifectaOf(after.connectors, ctx.resolveApp);
          const reviewed = lastApproved.get(agentId);
          const reviewedTrifecta = reviewed ? trifectaOf(reviewed, ctx.resolveApp) : false;
          const newly = nowTrifecta && !reviewedTrifecta;
          const verb =
            e.eventType === 'CONNECTOR_OAUTH_RESOLVED'
              ? 'resolved by OAuth but not in the configuration of'
              : 'granted to';
          const why = newly ? ': it now holds the lethal trifecta, which its last reviewed configuration did not' : '';
          raise(
            newly ? ((t.level_when_newly_trifecta as Severity) ?? 'critical') : (rule.level as Severity),
            `${granted.join(', ')} ${verb} ${after.name ?? agentId}${why}.`,
          );
          break;
        }
        case 'published_without_approval': {
          if (!agentId || !after) break;
          const hash = hashOf(after.connectors);
          if (ctx.approved.get(agentId)?.has(hash)) break;
          raise(
            rule.level as Severity,
            `${after.name ?? agentId} was published at configuration ` +
              `${hash.slice(0, 12)}…, which has no approval in Tollgate’s publish review.`,
          );
          break;
        }
        case 'actor_not_reviewer': {
          const actor = e.actorEmail;
          if (actor && ctx.reviewers.has(actor)) break;
          raise(
            rule.level as Severity,
            `${(e.eventType ?? '')
              .toLowerCase()
              .replace(/^agent_/, '')
              .replace(
                /_/g,
                ' ',
              )} of ${after?.name ?? agentId} by ${actor ?? 'an unknown actor'}, who is not a reviewer.`,
          );
          break;
        }
        case 'write_action_by_trifecta': {
          if (!after || !trifectaOf(after.connectors, ctx.resolveApp)) break;
          const connector = str(details.connector_id);
          const action = str(details.action_name);
          if (!connector || !action || !isWrite(connector, action, ctx.resolveApp)) break;
          raise(
            rule.level as Severity,
            `${after.name ?? agentId} (a trifecta agent) ran ${connector}.${action} without asking for approval.`,
          );
          break;
        }
        case 'agent_has_write_actions': {
          if (!after?.connectors.some((c) => canWrite(c, ctx.resolveApp))) break;
          raise(
            rule.level as Severity,
            `${after.name ?? agentId}, which can write through its connectors, ran on shared credentials.`,
          );
          break;
        }
        default:
          break;
      }
    }
  }
  return alerts;
}

function snapshot(agent: ObservedAgent | undefined): ObservedAgent | null {
  return agent
    ? {
        ...agent,
        connectors: [...agent.connectors],
        publishedConnectors: agent.publishedConnectors ? [...agent.publishedConnectors] : null,
      }
    : null;
}

/** The configuration hash of observed connectors, as the agent inventory computes it. */
function hashOf(connectors: ObservedConnector[]): string {
  return configHash(
    connectors.map((c) => ({
      app: c.app,
      allowedTools: c.allowedTools,
      approvals: c.approvals,
      authVariant: c.authVariant,
    })),
  );
}

function lookup(record: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);
}

function trifectaOf(connectors: ObservedConnector[], resolveApp: AppResolver): boolean {
  return classifyAgent(
    connectors.map((c) => ({
      app: c.app,
      allowedTools: c.allowedTools,
      approvals: c.approvals,
      authVariant: c.authVariant,
    })),
    resolveApp,
  ).trifecta;
}

function isCustomMcp(connector: string, resolveApp: AppResolver): boolean {
  const app = resolveApp(connector);
  return app.status === 'mcp_unclassified' || app.id.startsWith('mcp:');
}

function isWrite(connector: string, action: string, resolveApp: AppResolver): boolean {
  const app = resolveApp(connector);
  // Only actions the catalogue declares as writes: an unclassified MCP server's tools are unknown (its first
  // calls are the first-use rule's business, high), and flagging every one of its calls would drown the inbox.
  return app.app?.actions.some((a) => a.name === action && a.access === 'write') ?? false;
}

function canWrite(c: ObservedConnector, resolveApp: AppResolver): boolean {
  const app = resolveApp(c.app);
  if (app.app === null) return app.status === 'mcp_unclassified';
  return app.app.actions.some(
    (a) => a.access === 'write' && (c.allowedTools === null || c.allowedTools.includes(a.name)),
  );
}
