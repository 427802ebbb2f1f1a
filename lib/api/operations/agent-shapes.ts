// The agents' answers (snake_case, closed objects) and the mapping from the inventory's rows and the classifier's
// output onto them. Explicit mapping, never a spread row: a new column cannot leak into the API unannounced.
import { z } from 'zod';
import { AGENT_KINDS, EFFECTIVE_STATES } from '@/lib/agents/filter.ts';
import { LEGS, type Leg } from '@/lib/apps/legs.ts';
import type { GptClassification } from '@/lib/gpts/legs.ts';
import { GPT_ACTION_AUTHS, GPT_CAPABILITIES, GPT_VISIBILITIES, type Gpt } from '@/lib/gpts/types.ts';
import type { OwnerStanding } from '@/lib/roster/orphans.ts';
import type { TrifectaView } from '@/lib/trifecta/explain.ts';
import type { Classification } from '@/lib/trifecta/types.ts';
import { Timestamp, iso } from '../schemas.ts';

const appIds = z.array(z.string());
export const Legs = z
  .object({ private_data: appIds, untrusted_content: appIds, external_send: appIds })
  .meta({ id: 'AgentLegs', description: 'Each trifecta leg with the apps (catalogue ids) that light it.' });

export const Agent = z
  .object({
    agent_id: z.string().meta({ description: "The platform's id (agt_… for an agent, g-… for a custom GPT)." }),
    kind: z.enum(AGENT_KINDS),
    name: z.string(),
    owner_email: z.string(),
    status: z.string().meta({ description: 'draft, pending_review, published, suspended, deleted or unknown.' }),
    apps: z.array(z.string()).meta({ description: 'Connected apps as the source wrote them.' }),
    unknown_apps: z.array(z.string()).meta({ description: 'Apps the catalogue does not know (no leg yet).' }),
    unclassified_mcp: z.array(z.string()).meta({ description: 'Custom MCP servers nobody classified (all legs).' }),
    legs: Legs,
    leg_count: z.number().int().min(0).max(3),
    trifecta: z.boolean(),
    effective_state: z.enum(EFFECTIVE_STATES),
    in_latest_export: z.boolean().meta({ description: 'Listed by the latest full export (or GPT read).' }),
    updated_at: Timestamp,
  })
  .meta({ id: 'Agent', description: 'An agent or custom GPT of the inventory, as the Agents page lists it.' });

export type AgentRow = {
  externalId: string;
  kind: string;
  name: string;
  ownerEmail: string;
  status: string;
  appIds: string[];
  apps?: string[];
  unknownApps: string[];
  unclassifiedMcp: string[];
  legs: unknown;
  legCount: number;
  trifecta: boolean;
  effectiveState: string;
  inLatestExport: boolean;
  updatedAt: Date;
};

function legsOf(value: unknown): z.output<typeof Legs> {
  const stored = (value ?? {}) as Partial<Record<Leg, string[]>>;
  return Object.fromEntries(LEGS.map((leg) => [leg, [...(stored[leg] ?? [])]])) as z.output<typeof Legs>;
}

const kindOf = (kind: string) => (kind === 'custom_gpt' ? 'custom_gpt' : 'workspace_agent');
const stateOf = (state: string) =>
  (EFFECTIVE_STATES as readonly string[]).includes(state)
    ? (state as z.output<typeof Agent>['effective_state'])
    : 'none';

/** A row of the inventory (stored classification, acceptances resolved now) as the list shows it. */
export function showAgent(row: AgentRow): z.output<typeof Agent> {
  return {
    agent_id: row.externalId,
    kind: kindOf(row.kind),
    name: row.name,
    owner_email: row.ownerEmail,
    status: row.status,
    apps: [...(row.apps ?? row.appIds)],
    unknown_apps: [...row.unknownApps],
    unclassified_mcp: [...row.unclassifiedMcp],
    legs: legsOf(row.legs),
    leg_count: row.legCount,
    trifecta: row.trifecta,
    effective_state: stateOf(row.effectiveState),
    in_latest_export: row.inLatestExport,
    updated_at: iso(row.updatedAt),
  };
}

const ConnectedApp = z
  .object({
    written: z.string().meta({ description: 'The app as the source wrote it.' }),
    app_id: z.string(),
    name: z.string().nullable(),
    status: z.enum(['known', 'unknown', 'mcp_unclassified']),
    legs: z.array(z.enum(LEGS)),
  })
  .meta({ id: 'ConnectedApp' });

const Why = z
  .object({
    sentence: z.string().meta({ description: 'The trifecta in one sentence, as the agent page says it.' }),
    completing: z.array(z.string()).meta({ description: 'Apps that complete the open trifecta.' }),
    send_mitigations: z
      .array(
        z.object({
          app: z.string(),
          mitigated: z.boolean(),
          open_actions: z.array(z.string()),
          reason: z.string(),
        }),
      )
      .meta({ description: 'Per external-send app: closed (read-only, denied, gated) or not, and why.' }),
    acceptances: z
      .array(z.object({ exception_id: z.string(), title: z.string(), review_at: Timestamp }))
      .meta({ description: 'Approved exceptions in force at the current configuration hash (→ accepted).' }),
    break_sets: z.array(z.array(z.string())).meta({ description: 'Minimum sets of apps whose removal breaks it.' }),
    restrict: z
      .array(
        z.object({ app: z.string(), fix: z.enum(['read_only', 'gate', 'classify']), actions: z.array(z.string()) }),
      )
      .meta({ description: 'Connectors to restrict or gate instead of removing them.' }),
  })
  .meta({ id: 'AgentWhy', description: 'Why the agent is in its effective state, and what would break the trifecta.' });

const GptSourceSchema = z.object({
  id: z.string(),
  kind: z.enum(['capability', 'file', 'action', 'app']),
  name: z.string(),
  why: z
    .object({
      private_data: z.string().optional(),
      untrusted_content: z.string().optional(),
      external_send: z.string().optional(),
    })
    .meta({ description: 'One sentence per leg this part lights.' }),
});

const GptFacts = z
  .object({
    visibility: z.enum(GPT_VISIBILITIES),
    recipients: z.number().int().meta({ description: 'People and groups it is shared with by invitation.' }),
    capabilities: z.array(z.enum(GPT_CAPABILITIES)),
    actions: z.array(
      z.object({
        domain: z.string(),
        auth: z.enum(GPT_ACTION_AUTHS),
        schema_status: z.enum(['parsed', 'unknown']),
        operations: z.number().int(),
        consequential_operations: z.number().int(),
      }),
    ),
    knowledge_files: z.number().int(),
    apps: z.array(z.string()),
    sources: z.array(GptSourceSchema).meta({ description: 'The parts that light each leg, and why.' }),
    unknown_actions: z.array(z.string()),
    created_at: Timestamp.nullable(),
    last_read_at: Timestamp,
  })
  .meta({ id: 'GptFacts', description: 'A custom GPT as its page shows it (null for a workspace agent).' });

export const AgentDetail = Agent.extend({
  first_seen_at: Timestamp,
  config_hash: z.string().meta({ description: 'Decisions and exceptions hold for exactly this configuration.' }),
  owner_standing: z
    .enum(['active', 'orphaned', 'not_on_roster', 'no_roster'])
    .meta({ description: 'What the roster says of the owner; orphaned: deactivated or removed.' }),
  connected_apps: z.array(ConnectedApp).meta({
    description: 'Its apps, resolved; for a GPT its parts too (capability:, file:, action:), as legs name them.',
  }),
  why: Why,
  gpt: GptFacts.nullable(),
}).meta({ id: 'AgentDetail', description: 'One agent or GPT, classified now in its workspace, with why.' });

export type DetailInput = {
  row: AgentRow & { firstSeenAt: Date; configHash: string };
  classification: Classification | GptClassification;
  view: TrifectaView;
  acceptances: { id: string; title: string; reviewAt: Date }[];
  owner: OwnerStanding;
  gpt: { gpt: Gpt; lastReadAt: Date } | null;
};

/** One agent as the agent page explains it: the live classification (not the stored columns), and why. */
export function showAgentDetail({ row, classification: c, view, acceptances, owner, gpt }: DetailInput) {
  return {
    ...showAgent({
      ...row,
      unknownApps: c.unknownApps,
      unclassifiedMcp: c.unclassifiedMcp,
      legs: c.legs,
      legCount: c.legCount,
      trifecta: c.trifecta,
      effectiveState: c.effectiveState,
    }),
    first_seen_at: iso(row.firstSeenAt),
    config_hash: row.configHash,
    owner_standing: owner.kind,
    connected_apps: c.apps.map((a) => ({
      written: a.written,
      app_id: a.id,
      name: a.app?.name ?? null,
      status: a.status,
      legs: [...a.legs],
    })),
    why: {
      sentence: view.sentence,
      completing: [...view.completing],
      send_mitigations: c.sendMitigations.map((m) => ({
        app: m.app,
        mitigated: m.mitigated,
        open_actions: [...m.openActions],
        reason: m.reason,
      })),
      acceptances:
        c.effectiveState === 'accepted'
          ? acceptances.map((e) => ({ exception_id: e.id, title: e.title, review_at: iso(e.reviewAt) }))
          : [],
      break_sets: c.breakSets.map((set) => [...set]),
      restrict: c.restrict.map((r) => ({ app: r.app, fix: r.fix, actions: [...r.actions] })),
    },
    gpt: gpt && 'sources' in c ? showGpt(gpt.gpt, gpt.lastReadAt, c) : null,
  } satisfies z.output<typeof AgentDetail>;
}

function showGpt(gpt: Gpt, lastReadAt: Date, c: GptClassification): z.output<typeof GptFacts> {
  return {
    visibility: gpt.sharing.visibility,
    recipients: gpt.sharing.recipients.length,
    capabilities: [...gpt.capabilities],
    actions: gpt.actions.map((a) => ({
      domain: a.domain,
      auth: a.auth,
      schema_status: a.schemaStatus,
      operations: a.operations.length,
      consequential_operations: a.operations.filter((o) => o.consequential).length,
    })),
    knowledge_files: gpt.files.length,
    apps: gpt.apps.map((a) => a.name || a.id),
    sources: c.sources.map((s) => ({
      id: s.id,
      kind: s.kind,
      name: s.name,
      why: Object.fromEntries(LEGS.flatMap((leg) => (s.why[leg] ? [[leg, s.why[leg]]] : []))),
    })),
    unknown_actions: [...c.unknownActions],
    created_at: gpt.createdAt ? new Date(gpt.createdAt).toISOString() : null,
    last_read_at: iso(lastReadAt),
  };
}
