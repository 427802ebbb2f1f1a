import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LegDots, StateBadge, statusLabel } from '@/components/agents/legs.tsx';
import { TechId } from '@/components/ui/tech-id.tsx';
import { trifectaView } from '@/lib/trifecta/explain.ts';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { stepById } from '@/lib/checklist/steps.ts';
import { activeAgentAlerts } from '@/lib/alerts/queries.ts';
import { formatUtc } from '@/lib/format.ts';
import { openAgentFindings } from '@/lib/findings/queries.ts';
import { DECISION_LABELS, type Decision } from '@/lib/reviews/decisions.ts';
import { reviewContext } from '@/lib/reviews/context.ts';
import { GptPolicyPanel } from '@/components/gpts/gpt-policy-panel.tsx';
import { gptUseCases } from '@/lib/gpts/policy-queries.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import { BreakAdvice } from '@/app/(dashboard)/agents/[agentId]/_components/break-advice.tsx';
import { ActionMapTable } from './_components/action-map-table.tsx';
import { ConfirmedSteps } from './_components/confirmed-steps.tsx';
import { DecisionsTable } from './_components/decisions-table.tsx';
import { DecisionForm } from './_components/decision-form.tsx';
import '@/app/(dashboard)/reviews/reviews.css';

const MAP_SOURCES = [
  'From the connectors’ allowed tools, the catalogue’s actions',
  'and the workspace’s action control.',
].join(' ');
const BACK_TO_QUEUE = 'A new configuration comes back to the queue.';

export const metadata: Metadata = { title: 'Review' };
export const dynamic = 'force-dynamic';

export default async function ReviewPage({ params }: { params: Promise<{ agentId: string }> }) {
  const { actor: user, db, workspace: current } = await workspacePage('reviews:read');
  if (!current) notFound();
  const externalId = decodeURIComponent((await params).agentId);
  const now = new Date();
  const ctx = await reviewContext(db, current.id, externalId, now);
  if (!ctx) notFound();
  const { agent, classification: c } = ctx;
  const isGpt = agent.kind === GPT_KIND;
  const [alerts, findings, useCases] = await Promise.all([
    activeAgentAlerts(db, current.id, agent.externalId),
    openAgentFindings(db, current.id, agent),
    isGpt ? gptUseCases(db, current.id, [agent.id]) : [],
  ]);
  const me = { id: user?.id ?? null, email: user?.email ?? null, label: user?.email ?? '' };
  // Reasons that stand whatever the reviewer ticks: everything but the per-agent checklist steps.
  const refusals = ctx.refusals(
    me,
    ctx.agentSteps.map((s) => s.step),
  );
  const canDecide = can(user?.roles ?? [], 'reviews:decide');
  const approvedNow =
    ctx.approvals.length > 0 &&
    (!ctx.higherRisk.needsSecond || ctx.approvals.length >= 2) &&
    ctx.current.at(-1)?.decision === 'approve';
  const last = ctx.current.at(-1);
  const closed = last && last.decision !== 'approve';
  const gapCategories = [...new Set(ctx.actions.filter((a) => a.violation && a.category).map((a) => a.category))];
  const exceptionHref = `/exceptions/new?${new URLSearchParams({
    scope: 'approval_gate',
    agent: agent.externalId,
    categories: gapCategories.join(','),
  })}`;

  return (
    <>
      <p className="breadcrumb small">
        <Link href="/reviews">Reviews</Link> / {agent.externalId}
      </p>
      <PageHeader
        title={`Review: ${agent.name || agent.externalId}`}
        description={[
          `Owned by ${agent.ownerEmail}`,
          `${statusLabel(agent.status)} on the platform`,
          ...(agent.versionId ? [`version ${agent.versionId}`] : []),
        ].join(' · ')}
        actions={
          <>
            <StateBadge state={c.effectiveState} status={agent.status} />{' '}
            <Link className="button button-small" href={`/agents/${encodeURIComponent(agent.externalId)}`}>
              Agent page
            </Link>
          </>
        }
      />

      <div className="review-grid">
        <section className="panel" aria-labelledby="decide-title">
          <h2 id="decide-title">Decision</h2>
          {ctx.higherRisk.needsSecond && (
            <p className="small">
              <span className="tag tag-warn">Higher risk</span>{' '}
              {[
                ctx.higherRisk.sharedConnections && 'uses shared connections',
                ctx.higherRisk.deployedToSlack && 'is deployed to Slack',
              ]
                .filter(Boolean)
                .join(' and ')}
              : two different reviewers must approve (guide 6.3).
            </p>
          )}
          {ctx.approvals.length > 0 && (
            <p className="small">
              Approved so far at this configuration by{' '}
              {ctx.approvals.map((a) => `${a.reviewerLabel} (${formatUtc(a.decidedAt)})`).join(' and ')}.
            </p>
          )}
          {approvedNow ? (
            <p>
              <span className="state state-mitigated">Approved</span> This configuration is in the{' '}
              <Link href="/reviews/register">published register</Link>.
            </p>
          ) : last && closed ? (
            <p>
              <span className="state state-exposed">{DECISION_LABELS[last.decision as Decision]}</span> by{' '}
              {last.reviewerLabel}, {formatUtc(last.decidedAt)}: “{last.reason}”. {BACK_TO_QUEUE}
            </p>
          ) : null}
          {/* Once approved there is nothing left to refuse: a red "refused" beside the green "Approved" said two
              things. */}
          {refusals.length > 0 && !approvedNow && (
            <div className="refusals" role="note" aria-label="Why approval is refused">
              <p>
                <strong>Approval is refused{canDecide ? ' for you' : ''}:</strong>
              </p>
              <ul>
                {refusals.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: reasons computed per render; two may read alike
                  <li key={i}>{r.message}</li>
                ))}
              </ul>
              {refusals.some((r) => r.code === 'missing_gate') && (
                <p className="small">
                  Or cover the missing gate with an exception: <Link href={exceptionHref}>request one</Link>.
                </p>
              )}
            </div>
          )}
          {canDecide && !approvedNow ? (
            <DecisionForm
              workspaceId={current.id}
              agentId={agent.externalId}
              sequence={ctx.nextSequence}
              steps={ctx.agentSteps}
              blocked={refusals.length > 0}
              secondApproval={ctx.higherRisk.needsSecond && ctx.approvals.length === 1}
            />
          ) : !canDecide ? (
            <p className="muted small">Your role reads reviews; reviewers decide.</p>
          ) : null}
        </section>

        <section className="panel" aria-labelledby="trifecta-title">
          <h2 id="trifecta-title">Lethal trifecta</h2>
          <dl className="facts facts-narrow">
            <dt>Brings</dt>
            <dd>
              <LegDots legs={c.legs} words />
            </dd>
            <dt>Risk state</dt>
            <dd>
              <StateBadge state={c.effectiveState} status={agent.status} held />
            </dd>
            <dt>External sends</dt>
            <dd className="small">
              {c.sendMitigations.length ? c.sendMitigations.map((m) => `${m.app}: ${m.reason}`).join('; ') : '—'}
            </dd>
            <dt>Configuration</dt>
            <dd className="small">
              the apps and settings under review{' '}
              <div>
                <TechId value={agent.configHash} short={16} label="configuration hash" />
              </div>
            </dd>
          </dl>
          <p className="trifecta-sentence-inline">{trifectaView(c).sentence}</p>
        </section>
      </div>

      <BreakAdvice classification={c} />

      {isGpt && (
        <GptPolicyPanel
          workspaceId={current.id}
          gptId={agent.externalId}
          policyRefusals={ctx.policyRefusals}
          useCase={
            useCases[0]
              ? { text: useCases[0].useCase, recorded: `${useCases[0].setBy}, ${formatUtc(useCases[0].setAt)}` }
              : null
          }
          editable={canDecide}
        />
      )}

      {/* A GPT has no connectors to map: its actions' gates are in the trifecta above and its policy panel. */}
      {!isGpt && (
        <section className="panel" aria-labelledby="map-title">
          <h2 id="map-title">Action map against the approval policy</h2>
          <p className="small muted">
            {MAP_SOURCES} Policy:{' '}
            {ctx.policy.source === 'guide' ? 'the guide’s (6.03)' : `saved by ${ctx.policy.updatedBy}`} —{' '}
            <Link href="/reviews/policy">see it</Link>.
          </p>
          <ActionMapTable actions={ctx.actions} excused={ctx.excusedCategories} />
        </section>
      )}

      <div className="review-grid">
        <section className="panel" aria-labelledby="checklist-title">
          <h2 id="checklist-title">Pre-launch checklist</h2>
          <p className="small">
            Workspace sign-offs: {ctx.checklist.signed} of 6 signed within 90 days —{' '}
            <Link href="/reviews/checklist">checklist</Link>.
          </p>
          <ul className="plain small">
            {ctx.checklist.steps.map((s) => (
              <li key={s.step}>
                <span className={`state ${s.status === 'signed' ? 'state-mitigated' : 'state-exposed'}`}>
                  {s.status}
                </span>{' '}
                Step {s.step}: {stepById(s.step)?.title}
                {s.expiresAt && s.status === 'signed' ? ` (until ${formatUtc(s.expiresAt)})` : ''}
              </li>
            ))}
          </ul>
          <ConfirmedSteps applying={ctx.agentSteps.map((s) => s.step)} approvals={ctx.approvals} />
        </section>
        <section className="panel" aria-labelledby="context-title">
          <h2 id="context-title">Open alerts, findings and exceptions</h2>
          {alerts.length + findings.length + ctx.exceptions.length === 0 ? (
            <p className="muted small">None.</p>
          ) : (
            <ul className="plain small">
              {alerts.map((a) => (
                <li key={a.id}>
                  <span className={`severity severity-${a.severity}`}>{a.severity}</span>{' '}
                  <Link href={`/alerts/${a.id}`}>{a.title}</Link> · {formatUtc(a.at)}
                </li>
              ))}
              {findings.map((f) => (
                <li key={f.key}>Finding: {f.message}</li>
              ))}
              {ctx.exceptions.map((e) => (
                <li key={e.id}>
                  Exception in force: <Link href={`/exceptions/${e.id}`}>{e.title}</Link> (until {formatUtc(e.reviewAt)}
                  )
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">Decisions</h2>
        {ctx.decisions.length === 0 ? (
          <p className="muted small">No decision yet on any configuration of this agent.</p>
        ) : (
          <DecisionsTable
            rows={ctx.decisions.map((d) => ({
              id: d.id,
              decidedAt: formatUtc(d.decidedAt),
              reviewer: d.reviewerLabel,
              decision: DECISION_LABELS[d.decision as Decision],
              current: d.configHash === agent.configHash,
              configHash: d.configHash,
              reason: d.reason,
              conditions: d.conditions,
            }))}
          />
        )}
      </section>
    </>
  );
}
