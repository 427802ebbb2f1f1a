// What causes a finding: the records behind it, linked to where they are managed, and for drift the
// observed and baseline values side by side.
import Link from 'next/link';
import type { FindingCause } from '@/lib/findings/types.ts';

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'enabled' : 'disabled';
  return JSON.stringify(v, null, 1);
}

export function CausePanel({ cause }: { cause: FindingCause }) {
  const members = cause.members ?? [];
  const roles = cause.roles ?? [];
  const groups = cause.groups ?? [];
  const apps = cause.apps ?? [];
  const hasDiff = cause.field !== undefined && 'baseline' in cause;
  return (
    <section className="panel" aria-labelledby="cause-title">
      <h2 id="cause-title">What causes it</h2>
      <ul className="cause-list">
        {members.map((m) => (
          <li key={m.id}>
            Member <Link href={`/roles/members?q=${encodeURIComponent(m.email)}&status=any`}>{m.email}</Link>
          </li>
        ))}
        {roles.map((r) => (
          <li key={`r-${r}`}>
            Role <Link href="/roles">{r}</Link>
          </li>
        ))}
        {groups.map((g) => (
          <li key={`g-${g}`}>
            IdP group <Link href={`/roles/members?group=${encodeURIComponent(g)}`}>{g}</Link>
          </li>
        ))}
        {apps.map((a) => (
          <li key={`a-${a}`}>
            App <Link href="/apps/action-control">{a}</Link>
          </li>
        ))}
        {(cause.bits ?? []).length > 0 && (
          <li>
            Permission{cause.bits!.length === 1 ? '' : 's'}:{' '}
            {cause.bits!.map((b) => (
              <code key={b} className="chip">
                {b}
              </code>
            ))}
          </li>
        )}
        {(cause.controls ?? []).length > 1 && (
          <li>
            Also bears on control{cause.controls!.length > 2 ? 's' : ''} {cause.controls!.slice(1).join(', ')}
          </li>
        )}
      </ul>
      {hasDiff && (
        // A figure, so its name is read out: a plain div's aria-label is not.
        <figure className="diff-grid" aria-label={`${cause.field}: observed and baseline`}>
          <div>
            <h3>Observed · {cause.field}</h3>
            <pre className="mono">{show(cause.observed)}</pre>
          </div>
          <div>
            <h3>Baseline · {cause.field}</h3>
            <pre className="mono">{show(cause.baseline)}</pre>
          </div>
        </figure>
      )}
    </section>
  );
}
