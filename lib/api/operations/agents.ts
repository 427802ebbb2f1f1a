// Agents and custom GPTs: the inventory as the Agents page filters it (keyset on the agent id), one agent
// classified in its workspace with why, and its suspension and restore through the suspension services.
import { z } from 'zod';
import { workspaceClassifier } from '@/lib/agents/classify-in-workspace.ts';
import { AGENT_KINDS, EFFECTIVE_STATES, SHOW_FILTERS, type AgentFilter } from '@/lib/agents/filter.ts';
import { AGENT_STATUSES } from '@/lib/agents/inventory-csv.ts';
import { agentsAfter, getAgent } from '@/lib/agents/queries.ts';
import { agentAcceptances } from '@/lib/exceptions/acceptances.ts';
import { gptWithVersions } from '@/lib/gpts/queries.ts';
import { ownerStanding } from '@/lib/roster/orphans.ts';
import { trifectaView } from '@/lib/trifecta/explain.ts';
import { decodeCursor, listOf, pageOf, pageQuery } from '../cursor.ts';
import { defineOperation, type Operation } from '../operation.ts';
import { ApiProblem } from '../problem.ts';
import { Agent, AgentDetail, showAgent, showAgentDetail } from './agent-shapes.ts';
import { suspensionOperations } from './agent-suspensions.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

// The Agents page's URL filters (lib/agents/filter.ts), strict: an unknown value is a 400 naming the field.
const agentListQuery = z.object({
  ...pageQuery,
  q: text(200).optional().meta({ description: 'Text in the name, agent id or owner email.' }),
  kind: z.enum(AGENT_KINDS).optional(),
  status: z.enum([...AGENT_STATUSES, 'unknown']).optional(),
  state: z.enum(EFFECTIVE_STATES).optional().meta({ description: 'Effective state (exceptions in force now).' }),
  legs: z
    .string()
    .regex(/^[0-3]$/, 'a number of legs, 0 to 3')
    .transform(Number)
    .optional()
    .meta({ description: 'Number of trifecta legs lit, 0–3.' }),
  owner: text(320).optional().meta({ description: "The owner's email, exactly (any case)." }),
  app: text(200).optional().meta({ description: 'A catalogue app id the agent uses (e.g. slack).' }),
  show: z
    .enum(SHOW_FILTERS)
    .optional()
    .meta({ description: 'listed / missing (latest export) · unclassified apps · orphaned owner.' }),
});

export const AGENT_ID = z.string().min(1).max(200).meta({ description: "The platform's agent or GPT id." });

/** The page's filter with the list's fixed order (the page's sort and paging do not apply to a keyset walk). */
function filterOf(query: Omit<z.output<typeof agentListQuery>, 'limit' | 'cursor'>): AgentFilter {
  return { ...query, sort: 'id', dir: 'asc', page: 1, size: 50 };
}

const agentOperations: Operation[] = [
  defineOperation({
    id: 'listAgents',
    method: 'GET',
    path: '/agents',
    tag: 'Agents',
    summary: 'Agents and custom GPTs of the workspace',
    description: 'Filters are the Agents page URL filters. Ordered by agent id; page with next_cursor.',
    permission: 'agents:read',
    workspace: 'query',
    query: agentListQuery,
    responses: { 200: { description: 'A page of agents, by agent id.', schema: listOf(Agent) } },
    async handle({ db, workspaceId, query }) {
      const { limit, cursor, ...filters } = query;
      const after = decodeCursor(cursor, 1);
      const rows = await agentsAfter(db, workspaceId, filterOf(filters), after ? String(after[0]) : null, limit + 1);
      return { status: 200, body: pageOf(rows, limit, (r) => [r.externalId], showAgent) };
    },
  }),
  defineOperation({
    id: 'getAgent',
    method: 'GET',
    path: '/agents/{agent_id}',
    tag: 'Agents',
    summary: 'One agent or custom GPT, classified, with why',
    description:
      'Legs with the apps lighting each, the trifecta, the effective state and why (send mitigations, the ' +
      'exceptions accepting it, what would break it), as the agent page explains it.',
    permission: 'agents:read',
    workspace: 'query',
    params: z.object({ agent_id: AGENT_ID }),
    responses: { 200: { description: 'The agent.', schema: AgentDetail } },
    async handle({ db, workspaceId, params }) {
      const agent = await getAgent(db, workspaceId, params.agent_id);
      if (!agent) throw new ApiProblem('not-found', 'No such agent in this workspace.');
      const now = new Date();
      const classifier = await workspaceClassifier(db, workspaceId, now);
      const stored = agent.kind === 'custom_gpt' ? await gptWithVersions(db, workspaceId, agent.externalId) : null;
      const classification = stored
        ? classifier.classifyGpt({ id: agent.id, configHash: agent.configHash }, stored.gpt)
        : classifier.classify(agent).classification;
      const [acceptances, owner] = await Promise.all([
        agentAcceptances(db, workspaceId, agent, now),
        ownerStanding(db, workspaceId, agent.ownerEmail),
      ]);
      const body = showAgentDetail({
        row: agent,
        classification,
        view: trifectaView(classification),
        acceptances,
        owner,
        gpt: stored ? { gpt: stored.gpt, lastReadAt: stored.lastReadAt } : null,
      });
      return { status: 200, body };
    },
  }),
  ...suspensionOperations,
];

export { agentOperations };
