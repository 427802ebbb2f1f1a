// Overview: exceptions of the workspace in view reaching their review date within 14 days.
import Link from 'next/link';
import { expiringExceptions } from '@/lib/exceptions/queries.ts';
import { formatUtc } from '@/lib/format.ts';
import { daysBetween } from '@/lib/exceptions/rules.ts';
import type { PageContext } from '@/lib/http/workspace-page.ts';
import '@/app/(dashboard)/exceptions/exceptions.css';

type Props = { db: PageContext['db']; workspaceId: string };

export async function ExpiringExceptions({ db, workspaceId }: Props) {
  const now = new Date();
  const rows = await expiringExceptions(db, workspaceId, now);
  return (
    <section className={rows.length ? 'panel expiring-panel' : 'panel'} aria-labelledby="expiring-exceptions-title">
      <h2 id="expiring-exceptions-title">Exceptions expiring within 14 days</h2>
      {rows.length === 0 ? (
        <p className="muted">
          None. <Link href="/exceptions">Open Exceptions</Link>
        </p>
      ) : (
        <ul className="plain-list">
          {rows.map((e) => {
            const days = daysBetween(now, e.reviewAt);
            return (
              <li key={e.id}>
                <Link href={`/exceptions/${e.id}`}>{e.title}</Link>{' '}
                <span className="muted small">
                  · {e.scopeLabel} · expires {formatUtc(e.reviewAt)} ({days} day{days === 1 ? '' : 's'}) ·{' '}
                  {e.findingKeys.length} finding{e.findingKeys.length === 1 ? '' : 's'} reopen then
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
