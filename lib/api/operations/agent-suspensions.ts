// POST /agents/{agent_id}/suspend and /restore: the suspension services the agent page's Suspend and Restore call
// (evidence first, then the status, the alert and the webhook), with the platform's Admin API when the page uses
// it (an act key and TOLLGATE_SECRET_KEY: issue 18). Answers say what the CLI's `tollgate suspend --json` says.
import { z } from 'zod';
import type { Db } from '@/lib/db.ts';
import { consoleSteps } from '@/lib/suspensions/runbook.ts';
import { containThroughPlatform, type PlatformContainment } from '@/lib/suspensions/platform-service.ts';
import { agentSuspensions } from '@/lib/suspensions/queries.ts';
import { restoreAgent, suspendAgent } from '@/lib/suspensions/service.ts';
import { defineOperation, type Operation } from '../operation.ts';
import { ApiProblem } from '../problem.ts';

const agentId = z.string().min(1).max(200).meta({ description: "The platform's agent or GPT id." });
const reason = z.string().trim().min(1).max(2000);

const Suspension = z
  .object({
    suspension_id: z.string(),
    agent_id: z.string(),
    evidence_sha256: z.string().meta({ description: 'SHA-256 of the evidence captured before the status changed.' }),
    webhook_queued: z.boolean(),
    mode: z
      .enum(['console', 'platform'])
      .meta({ description: 'platform: sent through the Admin API; console: suspend it in the admin console.' }),
    action: z
      .object({
        id: z.string(),
        status: z.string().nullable(),
        answer_status: z.number().int().nullable(),
        outcome: z.string().nullable(),
        note: z.string().nullable(),
      })
      .nullable(),
    console_steps: z.array(z.string()).nullable(),
  })
  .meta({ id: 'Suspension' });

const Restore = z
  .object({
    suspension_id: z.string(),
    agent_id: z.string(),
    restored: z.boolean().meta({ description: 'False when the status had changed since (export, logs): left as is.' }),
    status: z.string().meta({ description: "The agent's status now." }),
  })
  .meta({ id: 'SuspensionRestore' });

async function agentRow(db: Db, workspaceId: string, externalId: string) {
  const agent = await db.agent.findUnique({
    where: { workspaceId_externalId: { workspaceId, externalId } },
    select: { id: true, externalId: true },
  });
  if (!agent) throw new ApiProblem('not-found', 'No such agent in this workspace.');
  return agent;
}

function platformAction(contained: PlatformContainment) {
  if (contained.mode === 'console') return null;
  const state = contained.state;
  return {
    id: contained.actionId,
    status: state?.status ?? null,
    answer_status: state?.answerStatus ?? null,
    outcome: state?.outcome ?? null,
    note: state?.note ?? contained.error,
  };
}

export const suspensionOperations: Operation[] = [
  defineOperation({
    id: 'suspendAgent',
    method: 'POST',
    path: '/agents/{agent_id}/suspend',
    tag: 'Agents',
    summary: 'Suspend an agent (or contain a GPT)',
    description:
      'Captures the evidence, marks it suspended, raises the alert and notifies, as the agent page does; with an ' +
      'act key, unpublishes (isolates a GPT) through the Admin API and waits up to 20 s for its answer. 409 when ' +
      'it is already suspended or deleted.',
    permission: 'agents:suspend',
    workspace: 'query',
    params: z.object({ agent_id: agentId }),
    body: z.strictObject({ reason: reason.meta({ description: 'Why: recorded with the evidence and the alert.' }) }),
    example: { reason: 'Incident INC-4711: sends calendar data to an unknown address.' },
    responses: { 201: { description: 'Suspended in Tollgate.', schema: Suspension } },
    async handle({ db, actor, workspaceId, params, body }) {
      const agent = await agentRow(db, workspaceId, params.agent_id);
      const suspension = await suspendAgent(db, actor, {
        workspaceId,
        agentId: agent.id,
        reason: body.reason,
        kind: 'incident',
      });
      const secretKey = process.env.TOLLGATE_SECRET_KEY;
      const contained: PlatformContainment = secretKey
        ? await containThroughPlatform(db, actor, suspension.id, { secretKey })
        : { mode: 'console' };
      return {
        status: 201,
        body: {
          suspension_id: suspension.id,
          agent_id: agent.externalId,
          evidence_sha256: suspension.sha256,
          webhook_queued: suspension.webhookQueued,
          mode: contained.mode,
          action: platformAction(contained),
          console_steps: contained.mode === 'console' ? consoleSteps(agent.externalId) : null,
        } satisfies z.output<typeof Suspension>,
      };
    },
  }),
  defineOperation({
    id: 'restoreAgent',
    method: 'POST',
    path: '/agents/{agent_id}/restore',
    tag: 'Agents',
    summary: 'Restore a suspended agent',
    description:
      "Ends the agent's open suspension and gives it back the status it had before (from the evidence), as the " +
      'agent page does. A drill also says whether the restore worked. 409 when it has no open suspension.',
    permission: 'agents:suspend',
    workspace: 'query',
    params: z.object({ agent_id: agentId }),
    body: z.strictObject({
      reason: reason.meta({ description: 'Why it may run again.' }),
      restore_worked: z.boolean().optional().meta({ description: 'Drills only: the agent ran again as before.' }),
    }),
    example: { reason: 'INC-4711 closed: the address was the vendor’s own.' },
    responses: { 200: { description: 'Restored (or recorded, when the status changed since).', schema: Restore } },
    async handle({ db, actor, workspaceId, params, body }) {
      const agent = await agentRow(db, workspaceId, params.agent_id);
      const open = (await agentSuspensions(db, workspaceId, agent.id))?.open;
      if (!open) throw new ApiProblem('conflict', 'This agent has no open suspension in Tollgate: nothing to restore.');
      const { status, restored } = await restoreAgent(db, actor, {
        workspaceId,
        suspensionId: open.id,
        reason: body.reason,
        restoreWorked: body.restore_worked ?? null,
      });
      return {
        status: 200,
        body: { suspension_id: open.id, agent_id: agent.externalId, restored, status } satisfies z.output<
          typeof Restore
        >,
      };
    },
  }),
];
