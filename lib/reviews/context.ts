// Everything a review of one agent rests on, read in one place: the agent at its current configuration,
// its trifecta under the workspace's catalogue and action control, its action map against the policy,
// the checklist, exceptions in force, earlier decisions. The decision (decisions.ts) reads it inside its
// transaction; the review page reads it to explain.
import { workspaceClassifier } from '@/lib/agents/classify-in-workspace.ts';
import { checklistStatus } from '@/lib/checklist/service.ts';
import { agentSteps, stepById } from '@/lib/checklist/steps.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { actionMap } from './action-map.ts';
import { loadPolicy } from './policy.ts';
import { approvalRefusals, needsSecondApprover } from './refusals.ts';
import { markTrifectaSends } from './trifecta-sends.ts';
import { gptPolicyRefusals } from './gpt-gate.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import type { Gpt } from '@/lib/gpts/types.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';

export type Reviewer = { id: string | null; email: string | null; label: string };

export async function reviewContext(db: Db | Tx, workspaceId: string, externalId: string, now: Date) {
  const agent = await db.agent.findUnique({
    where: { workspaceId_externalId: { workspaceId, externalId } },
    select: {
      id: true,
      externalId: true,
      name: true,
      ownerEmail: true,
      status: true,
      connectors: true,
      configHash: true,
      versionId: true,
      skills: true,
      effectiveState: true,
      kind: true,
      gptState: { select: { gpt: true } },
    },
  });
  if (!agent) return null;
  const classifier = await workspaceClassifier(db, workspaceId, now);
  const { resolveApp } = classifier;
  // A custom GPT is classified by its parts, never by connectors (it has none), and also answers to the GPT policy.
  const gpt = agent.kind === GPT_KIND ? ((agent.gptState?.gpt ?? null) as Gpt | null) : null;
  const { connectors, classification } = gpt
    ? { connectors: [] as ConnectorInput[], classification: classifier.classifyGpt(agent, gpt) }
    : classifier.classify(agent);
  const policyRefusals = gpt ? await gptPolicyRefusals(db, workspaceId, agent.externalId, gpt, now) : [];
  const policy = await loadPolicy(db, workspaceId);
  const actions = markTrifectaSends(actionMap(connectors, resolveApp, policy), classification);

  const [exceptions, decisions, slackRuns, checklist] = await Promise.all([
    db.exception.findMany({
      where: {
        workspaceId,
        status: 'approved',
        reviewAt: { gt: now },
        scopeKind: { in: ['trifecta', 'approval_gate'] },
        scope: { path: ['agentId'], equals: agent.id },
      },
      select: { id: true, title: true, scopeKind: true, scope: true, reviewAt: true },
    }),
    db.reviewDecision.findMany({
      where: { agentId: agent.id },
      orderBy: [{ decidedAt: 'desc' }, { sequence: 'desc' }],
      take: 50,
    }),
    db.agentRun.count({
      where: { workspaceId, agentId: agent.externalId, invoker: { path: ['type'], equals: 'slack' } },
    }),
    checklistStatus(db, workspaceId, now),
  ]);
  const inForce = exceptions.filter((e) => (e.scope as { configHash?: string }).configHash === agent.configHash);
  const excusedCategories = inForce
    .filter((e) => e.scopeKind === 'approval_gate')
    .flatMap((e) => (e.scope as { categories?: string[] }).categories ?? []);

  const sharedConnections = connectors.some((c) => (c.authVariant ?? '').toUpperCase() === 'SHARED');
  const deployedToSlack = slackRuns > 0;
  const usesCustomMcp = classification.apps.some((a) => a.status === 'mcp_unclassified' || a.id.startsWith('mcp:'));
  const hasSkills = Array.isArray(agent.skills) && agent.skills.length > 0;
  const steps = agentSteps({ hasSkills, usesCustomMcp, deployedToSlack }).map((step) => ({
    step,
    title: stepById(step)?.title ?? `Step ${step}`,
  }));
  const current = decisions.filter((d) => d.configHash === agent.configHash).sort((a, b) => a.sequence - b.sequence);

  return {
    agent,
    connectors,
    classification,
    policy,
    actions,
    checklist,
    exceptions: inForce,
    excusedCategories,
    /** A custom GPT's departures from the GPT policy, each with the exception covering it (if any). */
    policyRefusals,
    decisions,
    current,
    /** The sequence the next decision on this configuration takes: a reviewer submits it, and only one lands. */
    nextSequence: (current.at(-1)?.sequence ?? 0) + 1,
    agentSteps: steps,
    higherRisk: {
      sharedConnections,
      deployedToSlack,
      needsSecond: needsSecondApprover({ sharedConnections, deployedToSlack }),
    },
    approvals: current.filter((d) => d.decision === 'approve'),
    /** Reasons an approval by `reviewer`, confirming `confirmedSteps`, would be refused. */
    refusals: (reviewer: Reviewer, confirmedSteps: number[]) =>
      approvalRefusals({
        actions,
        excusedCategories,
        workspaceSteps: checklist.steps.map((s) => ({
          step: s.step,
          title: stepById(s.step)?.title ?? `Step ${s.step}`,
          status: s.status,
        })),
        agentSteps: steps,
        confirmedSteps,
        effectiveState: classification.effectiveState,
        ownerEmail: agent.ownerEmail,
        reviewer: { id: reviewer.id, email: reviewer.email },
        priorApprovals: current
          .filter((d) => d.decision === 'approve')
          .map((d) => ({ reviewerId: d.reviewerId, reviewerEmail: d.reviewerEmail, reviewerLabel: d.reviewerLabel })),
        policyRefusals,
      }),
  };
}

export type ReviewContext = NonNullable<Awaited<ReturnType<typeof reviewContext>>>;
