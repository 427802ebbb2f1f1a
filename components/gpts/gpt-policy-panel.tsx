// A custom GPT's review beside the agents' gate: where it stands against the GPT policy (each departure refused
// unless an exception in force covers its finding) and its stated business use case.
import Link from 'next/link';
import type { PolicyRefusal } from '@/lib/reviews/refusals.ts';
import { UseCaseForm } from './use-case-form.tsx';

type Props = {
  workspaceId: string;
  gptId: string;
  policyRefusals: PolicyRefusal[];
  useCase: { text: string; recorded: string } | null;
  editable: boolean;
};

export function GptPolicyPanel({ workspaceId, gptId, policyRefusals, useCase, editable }: Props) {
  const request = (key: string) => `/exceptions/new?${new URLSearchParams({ finding: key })}`;
  return (
    <section className="panel" aria-labelledby="gpt-policy-title">
      <h2 id="gpt-policy-title">GPT policy and use case</h2>
      {policyRefusals.length === 0 ? (
        <p className="small">
          Within the <Link href="/apps/gpt-policy">GPT policy</Link>: sharing and action domains are allowed.
        </p>
      ) : (
        <ul className="plain small">
          {policyRefusals.map((p) => (
            <li key={p.key}>
              <span className={`state ${p.exceptionId ? 'state-accepted' : 'state-exposed'}`}>
                {p.exceptionId ? 'excepted' : 'refused'}
              </span>{' '}
              {p.message}{' '}
              {p.exceptionId ? (
                <Link href={`/exceptions/${p.exceptionId}`}>exception in force</Link>
              ) : (
                <Link href={request(p.key)}>request an exception</Link>
              )}
            </li>
          ))}
        </ul>
      )}
      <UseCaseForm
        workspaceId={workspaceId}
        gptId={gptId}
        useCase={useCase?.text ?? null}
        recorded={useCase?.recorded ?? null}
        editable={editable}
      />
    </section>
  );
}
