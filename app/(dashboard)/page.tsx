import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/permissions.ts';
import { auditSummary } from '@/lib/audit/queries.ts';
import { NAV } from '@/lib/nav.ts';
import { listWorkspaces } from '@/lib/workspaces/service.ts';
import { formatUtc } from '@/lib/format.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import type { CurrentUser } from '@/lib/auth/session.ts';
import { InventoryPanel } from './_components/inventory-panel.tsx';
import { FindingsPanel } from './_components/findings-panel.tsx';
import { ExpiringExceptions } from './_components/expiring-exceptions.tsx';
import { PosturePanel } from './_components/posture-panel.tsx';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  // Roles without the overview (incident commanders) land on their first section.
  const denied = (actor: CurrentUser) =>
    redirect(NAV.find((n) => can(actor.roles, n.permission))?.href ?? '/no-access');
  const { actor: user, db, workspace: current } = await workspacePage('overview:read', { denied });
  // The CISO's Overview is served from the latest posture snapshot (trifecta counts, alerts, failing controls and
  // their records are in it), so it stays fast at any fleet size; the live inventory and findings panels are for
  // the people who act on them.
  const cisoView = user.roles.includes('ciso') && !user.roles.some((r) => r === 'admin' || r === 'reviewer');
  const [workspaces, audit] = await Promise.all([listWorkspaces(db), auditSummary(db)]);
  const signed = audit.lastSignature;
  return (
    <>
      <PageHeader
        title="Overview"
        description="Where your ChatGPT Enterprise agent deployment stands against the hardening guide."
      />
      {current && can(user.roles, 'posture:read') && <PosturePanel db={db} workspaceId={current.id} />}
      {current && !cisoView && can(user.roles, 'agents:read') && <InventoryPanel db={db} workspaceId={current.id} />}
      {current && !cisoView && can(user.roles, 'findings:read') && <FindingsPanel db={db} workspaceId={current.id} />}
      {current && can(user.roles, 'exceptions:read') && <ExpiringExceptions db={db} workspaceId={current.id} />}
      <div className="grid-2">
        <section className="panel" aria-labelledby="ws-title">
          <h2 id="ws-title">Governed workspaces</h2>
          {workspaces.length === 0 ? (
            <p className="muted">No workspace yet. An administrator adds one in Settings.</p>
          ) : (
            <ul className="plain-list">
              {workspaces.map((w) => (
                <li key={w.id}>
                  <strong>{w.name}</strong>{' '}
                  <span className="muted">
                    · {w.kind} · principal {w.principal ?? 'not set'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="audit-title">
          <h2 id="audit-title">Audit trail</h2>
          <p className="stat">
            <span className="stat-value">{audit.count.toLocaleString('en')}</span>{' '}
            <span className="muted">events recorded</span>
          </p>
          <p className="muted small">
            {signed
              ? `Chain head #${signed.seq} signed ${formatUtc(signed.signedAt)} (${signed.reason}).`
              : 'The chain head has not been signed yet.'}{' '}
            {can(user.roles, 'audit:read') && <Link href="/audit">Open the audit log</Link>}
          </p>
        </section>
      </div>
      <section className="panel" aria-labelledby="coming-title">
        <h2 id="coming-title">Sections</h2>
        <ul className="section-list">
          {NAV.filter((n) => n.href !== '/' && can(user.roles, n.permission)).map((n) => (
            <li key={n.href}>
              <Link href={n.href}>{n.label}</Link>
              <span className="muted"> — {n.purpose}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
