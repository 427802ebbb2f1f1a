'use server';
// Suspension (guide 6.5): suspend, confirm in console, restore, drills (agents:suspend); the runbook settings
// (settings:write).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { runDrill, saveRunbookSettings, scheduleDrill } from './runbook.ts';
import { containThroughPlatform, type PlatformContainment } from './platform-service.ts';
import { confirmSuspended, restoreAgent, suspendAgent } from './service.ts';

function refresh(suspensionId?: string) {
  revalidatePath('/agents', 'layout');
  revalidatePath('/reviews/runbook');
  revalidatePath('/alerts');
  if (suspensionId) revalidatePath(`/suspensions/${suspensionId}`);
}

/** "2026-04-01T09:30" from a datetime-local input, read as UTC. */
function utcDateTime(value: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value.trim());
  const date = m ? new Date(`${m[1]}T${m[2]}:00Z`) : null;
  if (!date || Number.isNaN(date.getTime())) throw new AppError('unprocessable', 'Give the drill date and time (UTC).');
  return date;
}

const id = (what: string) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), field.id(`Unknown ${what}.`));
const workspace = { workspaceId: id('workspace') };

export const suspendAgentAction = formAction(
  'agents:suspend',
  z.object({ ...workspace, agentId: id('agent'), reason: field.text() }),
  async ({ actor, db, input }) => {
    const { id: suspensionId, webhookQueued } = await suspendAgent(db, actor, {
      workspaceId: input.workspaceId,
      agentId: input.agentId,
      reason: input.reason,
      kind: 'incident',
    });
    const secretKey = process.env.TOLLGATE_SECRET_KEY;
    const platform: PlatformContainment = secretKey
      ? await containThroughPlatform(db, actor, suspensionId, { secretKey })
      : { mode: 'console' };
    refresh(suspensionId);
    const done = `Recorded, evidence captured, notified${webhookQueued ? ' (webhook queued)' : ''}.`;
    return { message: `${done} ${platformSentence(platform)}` };
  },
);

/** What happened at the platform, in one sentence for the form's message. */
function platformSentence(p: PlatformContainment): string {
  if (p.mode === 'console')
    return 'Now suspend it in the admin console and confirm it on the suspension’s page (no act key is configured).';
  if (!p.state)
    return `The platform call is recorded and will be retried (${p.error}); its page shows where it stands.`;
  if (p.state.answeredAt)
    return `The platform answered (HTTP ${p.state.answerStatus}); the Compliance Logs will confirm the change.`;
  if (p.state.status === 'failed')
    return `The platform did not carry it out: ${p.state.note ?? 'refused'}. Suspend it in the admin console.`;
  return 'The platform has not answered yet: Tollgate keeps trying; the suspension’s page shows where it stands.';
}

const suspensionForm = z.object({ ...workspace, suspensionId: id('suspension') });

export const confirmSuspendedAction = formAction('agents:suspend', suspensionForm, async ({ actor, db, input }) => {
  await confirmSuspended(db, actor, input);
  refresh(input.suspensionId);
  return { message: 'Confirmed: suspended in the admin console.' };
});

const restoreForm = suspensionForm.extend({ reason: field.text(), restoreWorked: field.text() });

export const restoreAgentAction = formAction('agents:suspend', restoreForm, async ({ actor, db, input }) => {
  const { workspaceId, suspensionId, reason } = input;
  const worked = input.restoreWorked;
  const { status, restored } = await restoreAgent(db, actor, {
    workspaceId,
    suspensionId,
    reason,
    restoreWorked: worked === 'yes' ? true : worked === 'no' ? false : null,
  });
  refresh(suspensionId);
  return {
    message: restored
      ? `Restored: the agent is ${status} again in Tollgate.`
      : `Recorded; the agent’s status was already ${status} (changed since by an ` +
        `export or the logs), so it was left as it is.`,
  };
});

const runbookForm = z.object({
  ...workspace,
  authority: field.text(),
  triggers: field.text(),
  agentsAdminChannel: field.text(),
  grcOnCall: field.text(),
  incidentCommander: field.text(),
  drillAgentId: field.text(),
});

export const saveRunbookAction = formAction('settings:write', runbookForm, async ({ actor, db, input }) => {
  const { workspaceId, ...settings } = input;
  await saveRunbookSettings(db, actor, workspaceId, settings);
  refresh();
  return { message: 'Runbook saved.' };
});

export const scheduleDrillAction = formAction(
  'agents:suspend',
  z.object({ ...workspace, at: field.text() }),
  async ({ actor, db, input }) => {
    await scheduleDrill(db, actor, { workspaceId: input.workspaceId, at: utcDateTime(input.at) });
    refresh();
    return { message: 'Drill scheduled: start it from its page at the time.' };
  },
);

const drillForm = z.object({ ...workspace, suspensionId: field.text(), reason: field.text() });

export const runDrillAction = formAction('agents:suspend', drillForm, async ({ actor, db, input }) => {
  const suspensionId = input.suspensionId.trim() || undefined;
  const { id: drillId } = await runDrill(db, actor, {
    workspaceId: input.workspaceId,
    suspensionId,
    reason: input.reason,
  });
  refresh(drillId);
  return {
    message:
      'Drill started: the clock runs. Suspend the test agent in the admin console and confirm it on the drill’s page.',
  };
});
