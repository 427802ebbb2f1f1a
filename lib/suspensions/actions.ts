'use server';
// Suspension (guide 6.5): suspend, confirm in console, restore, drills (agents:suspend); the runbook settings (settings:write).
import { revalidatePath } from 'next/cache';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { runDrill, saveRunbookSettings, scheduleDrill } from './runbook.ts';
import { confirmSuspended, restoreAgent, suspendAgent } from './service.ts';

function text(formData: FormData | null, name: string): string {
  const v = formData?.get(name);
  return typeof v === 'string' ? v : '';
}

function required(formData: FormData | null, name: string, what: string): string {
  const v = text(formData, name).trim();
  if (!v || v.length > 100) throw new AppError('unprocessable', `Unknown ${what}.`);
  return v;
}

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

export async function suspendAgentAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('agents:suspend');
    const workspaceId = required(formData, 'workspaceId', 'workspace');
    const agentId = required(formData, 'agentId', 'agent');
    const { id, webhookQueued } = await suspendAgent(db(), actor, { workspaceId, agentId, reason: text(formData, 'reason'), kind: 'incident' });
    refresh(id);
    return { message: `Recorded, evidence captured, notified${webhookQueued ? ' (webhook queued)' : ''}. Now suspend it in the admin console and confirm it on the suspension’s page.` };
  });
}

export async function confirmSuspendedAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('agents:suspend');
    const workspaceId = required(formData, 'workspaceId', 'workspace');
    const suspensionId = required(formData, 'suspensionId', 'suspension');
    await confirmSuspended(db(), actor, { workspaceId, suspensionId });
    refresh(suspensionId);
    return { message: 'Confirmed: suspended in the admin console.' };
  });
}

export async function restoreAgentAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('agents:suspend');
    const workspaceId = required(formData, 'workspaceId', 'workspace');
    const suspensionId = required(formData, 'suspensionId', 'suspension');
    const worked = text(formData, 'restoreWorked');
    const { status, restored } = await restoreAgent(db(), actor, { workspaceId, suspensionId, reason: text(formData, 'reason'), restoreWorked: worked === 'yes' ? true : worked === 'no' ? false : null });
    refresh(suspensionId);
    return { message: restored ? `Restored: the agent is ${status} again in Tollgate.` : `Recorded; the agent’s status was already ${status} (changed since by an export or the logs), so it was left as it is.` };
  });
}

export async function saveRunbookAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('settings:write');
    const workspaceId = required(formData, 'workspaceId', 'workspace');
    await saveRunbookSettings(db(), actor, workspaceId, {
      authority: text(formData, 'authority'),
      triggers: text(formData, 'triggers'),
      agentsAdminChannel: text(formData, 'agentsAdminChannel'),
      grcOnCall: text(formData, 'grcOnCall'),
      incidentCommander: text(formData, 'incidentCommander'),
      drillAgentId: text(formData, 'drillAgentId'),
    });
    refresh();
    return { message: 'Runbook saved.' };
  });
}

export async function scheduleDrillAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('agents:suspend');
    const workspaceId = required(formData, 'workspaceId', 'workspace');
    await scheduleDrill(db(), actor, { workspaceId, at: utcDateTime(text(formData, 'at')) });
    refresh();
    return { message: 'Drill scheduled: start it from its page at the time.' };
  });
}

export async function runDrillAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('agents:suspend');
    const workspaceId = required(formData, 'workspaceId', 'workspace');
    const suspensionId = text(formData, 'suspensionId').trim() || undefined;
    const { id } = await runDrill(db(), actor, { workspaceId, suspensionId, reason: text(formData, 'reason') });
    refresh(id);
    return { message: 'Drill started: the clock runs. Suspend the test agent in the admin console and confirm it on the drill’s page.' };
  });
}
