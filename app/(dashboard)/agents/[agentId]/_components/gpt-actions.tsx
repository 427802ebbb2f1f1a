// A GPT's actions, each as its OpenAPI schema says: domain, sign-in, privacy policy, whether the schema could be
// read (and why not), and every operation with its human gate — declared by x-openai-isConsequential or, when
// the schema says nothing, by ChatGPT's default (GET runs without asking, every other method asks).
import { actionSourceIds } from '@/lib/gpts/legs.ts';
import type { GptAction, GptActionAuth } from '@/lib/gpts/types.ts';
import { OperationsTable } from './gpt-tables.tsx';

const AUTH: Record<GptActionAuth, string> = { none: 'None', api_key: 'API key', oauth: 'OAuth' };

function because(declared: boolean | null, method: string): string {
  if (declared !== null) return `declared: x-openai-isConsequential ${declared}`;
  return method === 'GET' ? 'by default: a GET is not confirmed' : 'by default: every method but GET is confirmed';
}

export function GptActions({ actions, unknown }: { actions: GptAction[]; unknown: string[] }) {
  const ids = actionSourceIds(actions);
  return (
    <section className="panel" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      {actions.length === 0 && <p className="muted">No actions.</p>}
      {actions.map((a, i) => (
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
                  {unknown.includes(ids[i]!) && ': it counts for all three legs until a reviewer classifies it'}
                </>
              )}
            </dd>
          </dl>
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
      ))}
    </section>
  );
}
