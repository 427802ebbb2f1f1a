// Why an approval must be refused (guide 6.3, 6.5, 6.7), pure: every reason at once, so the reviewer sees
// all that stands between the agent and approval. The server runs this inside the decision's transaction;
// the review page runs it to explain, never instead.
import type { EffectiveState } from '@/lib/trifecta/types.ts';
import type { MappedAction } from './action-map.ts';
import { categoryLabel } from './category-labels.ts';

export type RefusalCode =
  | 'missing_gate'
  | 'checklist_workspace'
  | 'checklist_agent'
  | 'exposed'
  | 'own_agent'
  | 'same_approver'
  | 'gpt_shared_beyond_policy'
  | 'gpt_domain_not_allowed';

export type Refusal = { code: RefusalCode; message: string };

/** A departure from the GPT policy (lib/reviews/gpt-gate.ts): it refuses unless an exception covers its finding. */
export type PolicyRefusal = {
  code: 'gpt_shared_beyond_policy' | 'gpt_domain_not_allowed';
  key: string;
  message: string;
  exceptionId: string | null;
};

export type ApprovalContext = {
  /** The agent's action map under the workspace's policy. */
  actions: MappedAction[];
  /** Categories an approved, unexpired exception (scope "missing approval gate") covers for this configuration. */
  excusedCategories: string[];
  /** Workspace-level 6.07 steps that are not signed within 90 days: step id, title and why. */
  workspaceSteps: { step: number; title: string; status: 'signed' | 'stale' | 'missing' }[];
  /** The per-agent 6.07 steps that apply, and those the reviewer confirmed in this decision. */
  agentSteps: { step: number; title: string }[];
  confirmedSteps: number[];
  effectiveState: EffectiveState;
  ownerEmail: string;
  reviewer: { id: string | null; email: string | null };
  /** Earlier approvals of this very configuration (a higher-risk agent needs two different approvers). */
  priorApprovals: { reviewerId: string | null; reviewerEmail: string | null; reviewerLabel: string }[];
  /** A custom GPT's departures from the GPT policy; empty for a workspace agent. */
  policyRefusals?: PolicyRefusal[];
};

const same = (a: string | null | undefined, b: string | null | undefined) =>
  Boolean(a && b && a.toLowerCase() === b.toLowerCase());

export function approvalRefusals(ctx: ApprovalContext): Refusal[] {
  const out: Refusal[] = [];
  const excused = new Set(ctx.excusedCategories);
  for (const a of ctx.actions) {
    if (!a.violation || (a.category !== null && excused.has(a.category))) continue;
    const what = a.action === '*' ? `Every tool of ${a.written}` : `${a.written}: ${a.action}`;
    // Plain words first; the category id stays, second, for the policy file and the exception request.
    const category = a.category === null ? '' : ` (${categoryLabel(a.category)}: ${a.category})`;
    out.push({
      code: 'missing_gate',
      message:
        `${what}${category} has no human approval gate, which the approval policy requires. ${a.fix ?? ''}`.trim(),
    });
  }
  for (const s of ctx.workspaceSteps) {
    if (s.status === 'signed') continue;
    out.push({
      code: 'checklist_workspace',
      message:
        `Pre-launch checklist step ${s.step} (${s.title}) is ` +
        `${s.status === 'stale' ? 'stale: its sign-off is older than 90 days' : 'not signed off for the workspace'}.`,
    });
  }
  const confirmed = new Set(ctx.confirmedSteps);
  for (const s of ctx.agentSteps) {
    if (!confirmed.has(s.step))
      out.push({
        code: 'checklist_agent',
        message: `Pre-launch checklist step ${s.step} (${s.title}) is not confirmed for this agent.`,
      });
  }
  if (ctx.effectiveState === 'exposed') {
    // Named from the same rows the action map marks, so the map and this reason never disagree.
    const open = ctx.actions
      .filter((a) => a.keepsTrifectaOpen)
      .map((a) => (a.action === '*' ? `every tool of ${a.written}` : `${a.written}: ${a.action}`));
    const which = open.length ? ` through ${open.join(', ')}, with no human approval` : '';
    out.push({
      code: 'exposed',
      message:
        `The agent holds private data, untrusted content and an open external ` +
        `send (risk state: exposed)${which}. Remove an app, gate these sends, or ` +
        `have an exception accept the risk.`,
    });
  }
  for (const p of ctx.policyRefusals ?? []) if (p.exceptionId === null) out.push({ code: p.code, message: p.message });
  if (same(ctx.ownerEmail, ctx.reviewer.email)) {
    out.push({
      code: 'own_agent',
      message: 'You own this agent: another reviewer must decide (separation of duties).',
    });
  }
  const mine = ctx.priorApprovals.find(
    (p) => (p.reviewerId !== null && p.reviewerId === ctx.reviewer.id) || same(p.reviewerEmail, ctx.reviewer.email),
  );
  if (mine)
    out.push({
      code: 'same_approver',
      message: `You already approved this configuration: its second approval must come from a different reviewer.`,
    });
  return out;
}

/** The guide's higher-risk cases: shared connections or a Slack deployment need a second, different approver. */
export function needsSecondApprover(agent: { sharedConnections: boolean; deployedToSlack: boolean }): boolean {
  return agent.sharedConnections || agent.deployedToSlack;
}
