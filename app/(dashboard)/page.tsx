import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { pageAccess } from '../../lib/auth/page-guard.ts';
import { can } from '../../lib/auth/permissions.ts';
import { auditSummary } from '../../lib/audit/queries.ts';
import { db } from '../../lib/db.ts';
import { NAV } from '../../lib/nav.ts';
import { listWorkspaces } from '../../lib/workspaces/service.ts';
import { formatUtc } from '../../lib/format.ts';
import { currentWorkspace } from '../../lib/workspaces/current.ts';
import { InventoryPanel } from './_components/inventory-panel.tsx';
import { FindingsPanel } from './_components/findings-panel.tsx';
import { ExpiringExceptions } from './_components/expiring-exceptions.tsx';
import { PosturePanel } from './_components/posture-panel.tsx';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const { user, allowed } = await pageAccess('overview:read');
  // Roles without the overview (incident commanders) land on their first section.
  if (!allowed) redirect(NAV.find((n) => can(user.roles, n.permission))?.href ?? '/no-access');
  // The CISO's Overview is served from the latest posture snapshot (trifecta counts, alerts, failing controls and
  // their records are in it), so it stays fast at any fleet size; the live inventory and findings panels are for
  // the people who act on them.
  const cisoView = user.roles.includes('ciso') && !user.roles.some((r) => r === 'admin' || r === 'reviewer');
  const [workspaces, audit, view] = await Promise.all([listWorkspaces(db()), auditSummary(db()), currentWorkspace()]);
  return (
    <>
      <PageHeader title="Overview" description="Where your ChatGPT Enterprise agent deployment stands against the hardening guide." />
      {view.current && can(user.roles, 'posture:read') && <PosturePanel workspaceId={view.current.id} />}
      {view.current && !cisoView && can(user.roles, 'agents:read') && <InventoryPanel workspaceId={view.current.id} />}
      {view.current && !cisoView && can(user.roles, 'findings:read') && <FindingsPanel workspaceId={view.current.id} />}
      {view.current && can(user.roles, 'exceptions:read') && <ExpiringExceptions workspaceId={view.current.id} />}
      <div className="grid-2">
        <section className="panel" aria-labelledby="ws-title">
          <h2 id="ws-title">Governed workspaces</h2>
          {workspaces.length === 0 ? (
            <p className="muted">No workspace yet. An administrator adds one in Settings.</p>
          ) : (
            <ul className="plain-list">
              {workspaces.map((w) => (
                <li key={w.id}>
                  <strong>{w.name}</strong> <span className="muted">· {w.kind} · principal {w.principal ?? 'not set'}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="audit-title">
          <h2 id="audit-title">Audit trail</h2>
          <p className="stat">
            <span className="stat-value">{audit.count.toLocaleString('en')}</span> <span className="muted">events recorded</span>
          </p>
          <p className="muted small">
            {audit.lastSignature
              ? `Chain head #${audit.lastSignature.seq} signed ${formatUtc(audit.lastSignature.signedAt)} (${audit.lastSignature.reason}).`
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
