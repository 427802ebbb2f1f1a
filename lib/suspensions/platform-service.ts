// A suspension carried out through the platform's Admin API (issue 18, docs/decisions/0026): once the evidence
// is captured and committed (service.ts), an unpublish (a workspace agent) or an isolate (a custom GPT) is
// requested for the suspension, sent, and its answer awaited; the log confirmation arrives later through
// lib/platform/confirm.ts, and `syncSuspensionFromAction` copies each step onto the suspension. Without an act key
// nothing is sent: the console steps stay, and a person confirms as before.
import { recordAudit, SYSTEM_ACTOR, type Actor } from '@/lib/audit/record.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { type ActionState, executeAction, type ExecutorDeps } from '@/lib/platform/executor.ts';
import type { ActionKind } from '@/lib/platform/kinds.ts';
import { requestActions } from '@/lib/platform/service.ts';
import { hasActKey } from '@/lib/platform/settings.ts';

/** How long a person's "Suspend" waits for the platform's answer before the page shows it as pending. */
export const ANSWER_WAIT_MS = 20_000;

export type PlatformContainment =
  | { mode: 'console' }
  | { mode: 'platform'; actionId: string; state: ActionState | null; error: string | null };

/** What contains an agent of this kind through the API. */
export const containmentKind = (agentKind: string): ActionKind =>
  agentKind === 'custom_gpt' ? 'isolate_gpt' : 'unpublish_agent';

/**
 * Requests the containment for a committed suspension and waits up to `waitMs` for the platform's answer.
 * The request is written before anything is sent, so a crash here leaves an action the executor finishes.
 */
export async function containThroughPlatform(
  db: Db,
  actor: Actor,
  suspensionId: string,
  deps: ExecutorDeps & { waitMs?: number },
): Promise<PlatformContainment> {
  const s = await db.suspension.findUniqueOrThrow({
    where: { id: suspensionId },
    select: { id: true, workspaceId: true, agentId: true, externalId: true, reason: true, platformActionId: true },
  });
  if (!(await hasActKey(db, s.workspaceId))) return { mode: 'console' };
  const agent = await db.agent.findUniqueOrThrow({ where: { id: s.agentId }, select: { kind: true, name: true } });
  let actionId = s.platformActionId;
  if (!actionId) {
    const { ids } = await requestActions(db, actor, s.workspaceId, {
      kind: containmentKind(agent.kind),
      targets: [{ agentId: s.agentId, targetId: s.externalId, label: agent.name }],
      reason: `Suspension: ${s.reason}`,
      suspensionId: s.id,
    });
    actionId = ids[0]!;
    await db.suspension.update({ where: { id: s.id }, data: { platformActionId: actionId } });
  }
  try {
    const state = await executeAction(db, actionId, { ...deps, budgetMs: deps.waitMs ?? ANSWER_WAIT_MS });
    await db.$transaction((tx) => syncSuspensionFromAction(tx, actionId));
    return { mode: 'platform', actionId, state, error: null };
  } catch (error) {
    // The action stays recorded and queued: the executor's job sends it; the page shows where it stands.
    return { mode: 'platform', actionId, state: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Copies the platform's answer and the log confirmation of a suspension's action onto the suspension (once each),
 * so the runbook's clock measures trigger → platform answered → confirmed in the logs. Audited when it confirms.
 */
export async function syncSuspensionFromAction(db: Tx, actionId: string): Promise<void> {
  const action = await db.platformAction.findUnique({
    where: { id: actionId },
    select: {
      suspensionId: true,
      workspaceId: true,
      status: true,
      outcome: true,
      answeredAt: true,
      confirmedAt: true,
      confirmedEventId: true,
    },
  });
  if (!action?.suspensionId) return;
  const s = await db.suspension.findUnique({
    where: { id: action.suspensionId },
    select: { id: true, platformAnsweredAt: true, confirmedAt: true, externalId: true },
  });
  if (!s) return;
  if (action.answeredAt && !s.platformAnsweredAt)
    await db.suspension.update({ where: { id: s.id }, data: { platformAnsweredAt: action.answeredAt } });
  if (action.status === 'confirmed' && action.confirmedAt && !s.confirmedAt) {
    const confirmedBy = `platform logs (event ${action.confirmedEventId ?? 'unknown'})`;
    await db.suspension.update({ where: { id: s.id }, data: { confirmedAt: action.confirmedAt, confirmedBy } });
    await recordAudit(db, SYSTEM_ACTOR, {
      action: 'agent.suspend.confirm',
      targetType: 'suspension',
      targetId: s.id,
      workspaceId: action.workspaceId,
      at: action.confirmedAt,
      diff: { agentId: s.externalId, confirmedBy, platformActionId: actionId },
    });
  }
}
