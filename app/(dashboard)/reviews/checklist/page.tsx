import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { listSignoffs } from '@/lib/checklist/service.ts';
import { MAX_ATTACHMENT_BYTES } from '@/lib/attachments/limits.ts';
import { CHECKLIST_VERSION, SIGNOFF_VALID_DAYS, STEPS, workspaceChecklist } from '@/lib/checklist/steps.ts';
import { formatUtc } from '@/lib/format.ts';
import { ReviewsNav } from '@/app/(dashboard)/reviews/_components/reviews-nav.tsx';
import { EarlierSignoffs } from './_components/earlier-signoffs.tsx';
import { SignForm } from './_components/sign-form.tsx';
import { SignoffEvidence } from './_components/signoff-evidence.tsx';
import { StepStatusBadge } from './_components/step-status.tsx';

export const metadata: Metadata = { title: 'Pre-launch checklist' };

const DESCRIPTION = [
  'OpenAI’s pre-launch admin checklist (guide control 6.7) as a publish gate: each step is signed off for the',
  `workspace by a reviewer with evidence, and a sign-off counts for ${SIGNOFF_VALID_DAYS} days.`,
].join(' ');

export default async function ChecklistPage() {
  const { actor: user, db, workspace: current } = await workspacePage('reviews:read');
  if (!current) {
    return (
      <>
        <PageHeader
          title="Pre-launch checklist"
          description="No workspace yet. An administrator adds one in Settings."
        />
        <ReviewsNav current="/reviews/checklist" />
      </>
    );
  }
  const now = new Date();
  const checklist = workspaceChecklist(await listSignoffs(db, current.id), now);
  const mayDecide = can(user.roles, 'reviews:decide');
  const stale = checklist.steps.filter((s) => s.status === 'stale').length;
  const missing = checklist.steps.filter((s) => s.status === 'missing').length;

  return (
    <>
      <PageHeader title="Pre-launch checklist" description={DESCRIPTION} />
      <ReviewsNav current="/reviews/checklist" />

      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title">{current.name}</h2>
        <p>
          {checklist.complete ? (
            <span className="state state-mitigated">Complete</span>
          ) : (
            <span className="state state-exposed">
              {checklist.signed} of {STEPS.length} signed
            </span>
          )}{' '}
          <span className="small muted">
            {[stale && `${stale} stale`, missing && `${missing} missing`].filter(Boolean).join(', ')}
          </span>
        </p>
        <p className="small muted">
          Checklist version <code>{CHECKLIST_VERSION}</code>. Per agent, its reviewer confirms steps 1–3, and step 4
          when it has skills, 5 when it uses a custom MCP server, 6 when it is deployed to Slack.
        </p>
      </section>

      {checklist.steps.map((state) => {
        const step = STEPS.find((s) => s.id === state.step)!;
        const { latest, earlier } = state;
        return (
          <section key={step.id} className="panel" aria-labelledby={`step-${step.id}`}>
            <div className="section-head">
              <h2 id={`step-${step.id}`}>
                Step {step.id}. {step.title}
              </h2>
              <StepStatusBadge status={state.status} expiresAt={state.expiresAt} />
            </div>
            <p className="small muted">
              <code>{step.name}</code>
            </p>
            <p>{step.description}</p>
            <p className="small">
              <strong>Evidence required:</strong> {step.evidenceRequired}
            </p>
            {latest ? (
              <dl className="facts">
                <dt>Signed by</dt>
                <dd>
                  {latest.signedBy}
                  <div className="small muted">{formatUtc(latest.signedAt)}</div>
                </dd>
                {latest.note && (
                  <>
                    <dt>Note</dt>
                    <dd>{latest.note}</dd>
                  </>
                )}
                <dt>Evidence</dt>
                <dd>
                  <SignoffEvidence signoff={latest} workspaceId={current.id} />
                </dd>
              </dl>
            ) : (
              <p className="muted">Never signed for this workspace.</p>
            )}
            {earlier.length > 0 && (
              <EarlierSignoffs
                step={step.id}
                rows={earlier.map((o) => ({
                  id: o.id,
                  signedAt: formatUtc(o.signedAt),
                  signedBy: o.signedBy,
                  note: o.note,
                  evidence: <SignoffEvidence signoff={o} workspaceId={current.id} />,
                  evidenceText: o.evidenceUrl ?? o.filename ?? '',
                }))}
              />
            )}
            {mayDecide && (
              <SignForm workspaceId={current.id} step={step.id} title={step.title} maxBytes={MAX_ATTACHMENT_BYTES} />
            )}
          </section>
        );
      })}
    </>
  );
}
