import { describe, expect, it } from 'vitest';
import type { MappedAction } from './action-map.ts';
import { approvalRefusals, needsSecondApprover, type ApprovalContext } from './refusals.ts';

const violation: MappedAction = {
  app: 'gmail',
  written: 'Gmail',
  action: 'send',
  access: 'write',
  externalSend: true,
  category: 'email_send',
  gate: 'none',
  violation: true,
  fix: 'Set user approvals to "always".',
};
const clean: ApprovalContext = {
  actions: [{ ...violation, gate: 'human_required', violation: false, fix: null }],
  excusedCategories: [],
  workspaceSteps: [1, 2, 3, 4, 5, 6].map((step) => ({ step, title: `step ${step}`, status: 'signed' as const })),
  agentSteps: [
    { step: 1, title: 'users and groups' },
    { step: 3, title: 'approved apps' },
  ],
  confirmedSteps: [1, 3],
  effectiveState: 'mitigated',
  ownerEmail: 'owner@acme.example',
  reviewer: { id: 'u-rhea', email: 'rhea@acme.example' },
  priorApprovals: [],
};
const codes = (ctx: Partial<ApprovalContext>) => approvalRefusals({ ...clean, ...ctx }).map((r) => r.code);

describe('approvalRefusals', () => {
  it('finds nothing when everything the guide asks for is there', () => {
    expect(approvalRefusals(clean)).toEqual([]);
  });

  it('refuses a required category without a human gate, naming the action and the fix', () => {
    const [r] = approvalRefusals({ ...clean, actions: [violation] });
    expect(r).toEqual({
      code: 'missing_gate',
      message: expect.stringContaining('Gmail: send (Sending email: email_send) has no human approval gate'),
    });
    expect(r!.message).toContain('Set user approvals to "always".');
  });

  it('lets an exception for the missing gate cover its category, and only that one', () => {
    expect(codes({ actions: [violation], excusedCategories: ['email_send'] })).toEqual([]);
    expect(codes({ actions: [violation], excusedCategories: ['calendar_invite_external'] })).toEqual(['missing_gate']);
  });

  it('refuses a workspace checklist step that is missing or stale', () => {
    const steps = clean.workspaceSteps.map((s) =>
      s.step === 2 ? { ...s, status: 'stale' as const } : s.step === 5 ? { ...s, status: 'missing' as const } : s,
    );
    const refusals = approvalRefusals({ ...clean, workspaceSteps: steps });
    expect(refusals.map((r) => r.code)).toEqual(['checklist_workspace', 'checklist_workspace']);
    expect(refusals[0]!.message).toMatch(/step 2 .* stale/);
    expect(refusals[1]!.message).toMatch(/step 5 .* not signed off/);
  });

  it('refuses an applicable per-agent step the reviewer did not confirm', () => {
    expect(approvalRefusals({ ...clean, confirmedSteps: [1] })).toEqual([
      { code: 'checklist_agent', message: expect.stringContaining('step 3 (approved apps)') },
    ]);
  });

  it('refuses an exposed agent', () => {
    expect(codes({ effectiveState: 'exposed' })).toEqual(['exposed']);
    expect(codes({ effectiveState: 'accepted' })).toEqual([]);
  });

  it('refuses a reviewer who owns the agent, whatever the case of the address', () => {
    expect(codes({ ownerEmail: 'Rhea@Acme.example' })).toEqual(['own_agent']);
  });

  it('refuses the same person approving a configuration twice', () => {
    expect(codes({ priorApprovals: [{ reviewerId: 'u-rhea', reviewerEmail: null, reviewerLabel: 'rhea' }] })).toEqual([
      'same_approver',
    ]);
    expect(
      codes({ priorApprovals: [{ reviewerId: 'u-other', reviewerEmail: 'RHEA@acme.example', reviewerLabel: 'rhea' }] }),
    ).toEqual(['same_approver']);
    expect(
      codes({ priorApprovals: [{ reviewerId: 'u-sam', reviewerEmail: 'sam@acme.example', reviewerLabel: 'sam' }] }),
    ).toEqual([]);
  });

  it('lists every reason at once', () => {
    expect(
      codes({ actions: [violation], effectiveState: 'exposed', ownerEmail: 'rhea@acme.example', confirmedSteps: [] }),
    ).toEqual(['missing_gate', 'checklist_agent', 'checklist_agent', 'exposed', 'own_agent']);
  });
});

describe('needsSecondApprover', () => {
  it('is the guide’s higher-risk cases: shared connections or Slack', () => {
    expect(needsSecondApprover({ sharedConnections: false, deployedToSlack: false })).toBe(false);
    expect(needsSecondApprover({ sharedConnections: true, deployedToSlack: false })).toBe(true);
    expect(needsSecondApprover({ sharedConnections: false, deployedToSlack: true })).toBe(true);
  });
});
