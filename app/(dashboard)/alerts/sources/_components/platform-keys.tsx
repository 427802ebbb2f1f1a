// Sources → the two keys: what each is for, the origin they are bound to, and the last "Test connection" of each
// (docs/decisions/0026 "Two keys, kept apart"). Never a key: only whether one is stored.
import { formatUtc } from '@/lib/format.ts';
import type { KeyStatus } from '@/lib/platform/key-queries.ts';
import type { StoredKeyTest } from '@/lib/platform/key-tests.ts';
import { KeyTestForm } from './key-test-form.tsx';

function LastTest({ test }: { test: StoredKeyTest | undefined }) {
  if (!test) return <span className="muted">Not tested since it was stored.</span>;
  const at = new Date(test.at);
  return (
    <span>
      <strong>{test.ok ? 'passed' : 'failed'}</strong> {formatUtc(Number.isNaN(at.getTime()) ? null : at)}:{' '}
      {test.detail}
    </span>
  );
}

function KeyRow(props: { label: string; which: 'read' | 'act'; stored: boolean; test?: StoredKeyTest; ws: string }) {
  return (
    <li>
      <strong>{props.label}</strong> — {props.stored ? 'stored' : 'none stored'}.{' '}
      {props.stored && (
        <>
          Last test: <LastTest test={props.test} />
          <KeyTestForm workspaceId={props.ws} which={props.which} />
        </>
      )}
    </li>
  );
}

export function PlatformKeys({ workspaceId, status }: { workspaceId: string; status: KeyStatus | null }) {
  return (
    <section aria-labelledby="keys-title">
      <h3 id="keys-title">Keys</h3>
      <p className="small">
        Two keys, kept apart. The <strong>read key</strong> (read scope) lets the puller read the logs and the GPTs. The
        optional <strong>act key</strong> (delete/act scope) lets Tollgate unpublish, isolate or delete agents and GPTs
        through the platform’s Admin API. Both are stored encrypted and never shown again. They are bound to the origin
        (scheme, host and port) of the base URL they were entered with: saving a base URL on another origin clears both
        keys, so stored keys can never be sent to another host.
      </p>
      {status?.keyOrigin && (status.hasReadKey || status.hasActKey) && (
        <p className="small muted">
          Keys bound to <code>{status.keyOrigin}</code>.
        </p>
      )}
      {status && !status.hasActKey && (
        <p className="small">
          No act key is stored: a suspension captures its evidence and shows the admin-console steps, and a person
          confirms once done.
        </p>
      )}
      {status && (
        <ul className="plain-list">
          <KeyRow label="Read key" which="read" stored={status.hasReadKey} test={status.tests.read} ws={workspaceId} />
          <KeyRow label="Act key" which="act" stored={status.hasActKey} test={status.tests.act} ws={workspaceId} />
        </ul>
      )}
    </section>
  );
}
