// `tollgate suspend AGENT_ID --reason R [--workspace ID] [--json]`: suspends an agent (or contains a GPT) as the
// dashboard does — evidence first, then, with an act key, the unpublish (isolate) through the Admin API, waiting for
// the platform's answer with its retries, but not for the log confirmation. Without an act key it prints the
// admin-console steps. Exit 0 the platform accepted or no act key (steps printed), 1 refused or not carried out,
// 2 usage. --json prints {suspension_id, agent_id, evidence_sha256, mode, action, console_steps}.
import { containThroughPlatform } from '@/lib/suspensions/platform-service.ts';
import { consoleSteps } from '@/lib/suspensions/runbook.ts';
import { suspendAgent } from '@/lib/suspensions/service.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';
import { cliActor } from './file-import.ts';

export type SuspendOptions = { agentId: string; reason: string; json: boolean; workspace?: string };

/** The longest the command waits for the platform's answer (retries and Retry-After included). */
const WAIT_MS = 15 * 60_000;

export async function suspendCommand(options: SuspendOptions): Promise<number> {
  return withDatabase(async ({ db, secretKey }) => {
    const workspace = await resolveWorkspace(db, options.workspace);
    const agent = await db.agent.findUnique({
      where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: options.agentId } },
      select: { id: true, externalId: true },
    });
    if (!agent) throw new AppError('not_found', `No agent ${options.agentId} in workspace ${workspace.id}.`);
    const actor = cliActor();
    const suspension = await suspendAgent(db, actor, {
      workspaceId: workspace.id,
      agentId: agent.id,
      reason: options.reason,
    });
    const contained = await containThroughPlatform(db, actor, suspension.id, {
      secretKey: secretKey(),
      waitMs: WAIT_MS,
    });
    const state = contained.mode === 'platform' ? contained.state : null;
    const accepted = contained.mode === 'console' || Boolean(state?.answeredAt);
    const steps = contained.mode === 'console' ? consoleSteps(agent.externalId) : null;
    if (options.json) {
      console.log(
        JSON.stringify({
          suspension_id: suspension.id,
          agent_id: agent.externalId,
          evidence_sha256: suspension.sha256,
          mode: contained.mode,
          action:
            contained.mode === 'platform'
              ? {
                  id: contained.actionId,
                  status: state?.status ?? null,
                  answer_status: state?.answerStatus ?? null,
                  outcome: state?.outcome ?? null,
                  note: state?.note ?? contained.error,
                }
              : null,
          console_steps: steps,
        }),
      );
    } else {
      console.log(`Suspension ${suspension.id}: evidence captured (sha256 ${suspension.sha256}).`);
      if (steps) {
        console.log('No act key is configured: suspend it in the admin console, then confirm it in Tollgate:');
        for (const [i, step] of steps.entries()) console.log(`  ${i + 1}. ${step}`);
      } else if (accepted) {
        console.log(`The platform answered HTTP ${state!.answerStatus} (${state!.outcome}); the logs will confirm it.`);
      } else {
        console.error(`The platform did not carry it out: ${state?.note ?? contained.error ?? state?.status}.`);
      }
    }
    return accepted ? 0 : 1;
  });
}
