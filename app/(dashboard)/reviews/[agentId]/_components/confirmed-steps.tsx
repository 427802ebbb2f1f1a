// The per-agent checklist steps (6.07) as recorded on this configuration's approvals — not the steps that
// apply, which the page used to print as "confirmed" before anyone had confirmed anything.
type Approval = { reviewerLabel: string; checklist: number[] };

export function ConfirmedSteps({ applying, approvals }: { applying: number[]; approvals: Approval[] }) {
  const list = (steps: number[]) => (steps.length === 1 ? `step ${steps[0]}` : `steps ${steps.join(', ')}`);
  if (approvals.length === 0) {
    return (
      <p className="small">
        Confirmed for this agent: <strong>none yet</strong>. The approving reviewer confirms {list(applying)} with the
        approval.
      </p>
    );
  }
  return (
    <p className="small">
      Confirmed for this agent with the approval:{' '}
      {approvals.map((a) => `${a.checklist.length ? list(a.checklist) : 'no step'} by ${a.reviewerLabel}`).join('; ')}.
    </p>
  );
}
