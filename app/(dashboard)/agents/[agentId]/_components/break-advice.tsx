// What would break the trifecta: the minimum sets of apps to remove, or the connectors to restrict or gate.
import type { Classification } from '@/lib/trifecta/types.ts';

/** `gpt`: name a custom GPT's parts (Web browsing, a file's name) rather than their ids, and word the send paths
 *  as a GPT has them. */
export function BreakAdvice({ classification: c, gpt = false }: { classification: Classification; gpt?: boolean }) {
  if (!c.trifecta) return null;
  const name = (id: string) => (gpt ? (c.apps.find((a) => a.id === id)?.app?.name ?? id) : id);
  return (
    <section className="panel" aria-labelledby="break-title">
      <h2 id="break-title">What would break it</h2>
      <div className="grid-2 break-grid">
        <div>
          <h3>
            Remove {c.breakSets[0]!.length === 1 ? `one ${gpt ? 'part' : 'app'}` : `${c.breakSets[0]!.length} apps`}
          </h3>
          <ul className="plain-list">
            {c.breakSets.map((set) => (
              <li key={set.join('+')}>
                Remove <strong>{set.map(name).join(' and ')}</strong>
              </li>
            ))}
          </ul>
          {c.breakSets.length > 1 && <p className="muted small">Any one of these is enough.</p>}
        </div>
        <div>
          <h3>Or keep the apps and close the send path</h3>
          {c.restrict.length === 0 ? (
            <p className="muted small">
              {gpt
                ? 'No open send path of this GPT can be gated (web browsing cannot be): remove a part instead.'
                : 'Every app that sends externally is already read-only, send-denied or gated.'}
            </p>
          ) : (
            <ul className="plain-list">
              {c.restrict.map((r) => (
                <li key={r.app}>
                  {r.fix === 'read_only' && (
                    <>
                      Make <strong>{r.app}</strong> read-only (denies {r.actions.join(', ')})
                    </>
                  )}
                  {r.fix === 'gate' && (
                    <>
                      Require human approval on <strong>{r.app}</strong>
                      {r.actions.length ? `: ${r.actions.join(', ')}` : ' for every action'}
                    </>
                  )}
                  {r.fix === 'classify' &&
                    (gpt ? (
                      // A GPT's unreadable action is classified on this page, not in the catalogue.
                      <>
                        Classify the action <strong>{name(r.app)}</strong> under <a href="#actions-title">Actions</a> by
                        the legs it really lights
                      </>
                    ) : (
                      <>
                        Classify <strong>{r.app}</strong> on the Apps page, or require human approval on every call
                      </>
                    ))}
                </li>
              ))}
            </ul>
          )}
          {c.sendMitigations.some((m) => m.mitigated) && (
            <p className="muted small">
              Already closed:{' '}
              {c.sendMitigations
                .filter((m) => m.mitigated)
                .map((m) => `${m.app} (${m.reason})`)
                .join('; ')}
              .
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
