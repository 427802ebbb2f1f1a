// A GPT's actions, each as its OpenAPI schema says: domain, sign-in, privacy policy, whether the schema could be
// read (and why not), and every operation with its human gate — declared by x-openai-isConsequential or, when
// the schema says nothing, by ChatGPT's default (GET runs without asking, every other method asks). An action
// whose schema cannot be read counts for every leg until a reviewer classifies it, here.
import { ActionReviewForm } from '@/components/gpts/action-review-form.tsx';
import { LEG_LABELS } from '@/lib/apps/legs.ts';
import { formatUtc } from '@/lib/format.ts';
import type { ActionReviewView } from '@/lib/gpts/action-review-queries.ts';
import { actionReviewKey, actionSourceIds } from '@/lib/gpts/legs.ts';
import type { GptAction, GptActionAuth } from '@/lib/gpts/types.ts';
import { OperationsTable } from './gpt-tables.tsx';

const AUTH: Record<GptActionAuth, string> = { none: 'None', api_key: 'API key', oauth: 'OAuth' };

function because(declared: boolean | null, method: string): string {
  if (declared !== null) return `declared: x-openai-isConsequential ${declared}`;
  return method === 'GET' ? 'by default: a GET is not confirmed' : 'by default: every method but GET is confirmed';
}

type Props = {
  actions: GptAction[];
  unknown: string[];
  /** The reviewers' classifications of this GPT's unreadable actions. */
  reviews: ActionReviewView[];
  /** Set when the viewer may classify (reviews:decide). */
  review: { workspaceId: string; gptId: string } | null;
};

function Reviewed({ r }: { r: ActionReviewView }) {
  const legs = r.legs.map((l) => LEG_LABELS[l].toLowerCase()).join(', ') || 'no leg';
  return (
    <>
      : classified by {r.setBy} on {formatUtc(r.setAt)} as {legs}
      {r.note && <span className="muted"> ({r.note})</span>}
    </>
  );
}

export function GptActions({ actions, unknown, reviews, review }: Props) {
  const ids = actionSourceIds(actions);
  const byKey = new Map(reviews.map((r) => [r.reviewKey, r]));
  return (
    <section className="panel" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      {actions.length === 0 && <p className="muted">No actions.</p>}
      {actions.map((a, i) => {
        const key = a.schemaStatus === 'unknown' ? actionReviewKey(a) : null;
        const reviewed = key === null ? undefined : byKey.get(key);
        return (
          <article key={ids[i]} className="gpt-action" aria-label={`Action ${a.domain}`}>
            <h3 className="mono">{a.domain || 'unnamed domain'}</h3>
            <dl className="facts facts-narrow">
              <dt>Sign-in</dt>
              <dd>{AUTH[a.auth]}</dd>
              <dt>Privacy policy</dt>
              <dd>{a.privacyPolicyUrl ? <span className="mono small">{a.privacyPolicyUrl}</span> : 'none given'}</dd>
              <dt>Servers</dt>
              <dd className="mono small">{a.servers.map((s) => s.url).join(', ') || '—'}</dd>
              <dt>Schema</dt>
              <dd>
                {a.schemaStatus === 'parsed' ? (
                  'read'
                ) : (
                  <>
                    <span className="tag tag-warn">unknown</span> {a.schemaProblem ?? 'the schema could not be read'}
                    {reviewed ? (
                      <Reviewed r={reviewed} />
                    ) : (
                      unknown.includes(ids[i]!) && ': it counts for all three legs until a reviewer classifies it'
                    )}
                  </>
                )}
              </dd>
            </dl>
            {key !== null && review && (
              <ActionReviewForm
                workspaceId={review.workspaceId}
                gptId={review.gptId}
                domain={a.domain || 'unnamed domain'}
                reviewKey={key}
                review={reviewed ? { legs: reviewed.legs, note: reviewed.note } : null}
              />
            )}
            {a.operations.length > 0 && (
              <OperationsTable
                label={`Operations of ${a.domain}`}
                rows={a.operations.map((o) => ({
                  key: `${o.method} ${o.path}`,
                  method: o.method,
                  path: o.path,
                  consequential: o.consequential,
                  declared: because(o.consequentialDeclared, o.method),
                }))}
              />
            )}
          </article>
        );
      })}
    </section>
  );
}
