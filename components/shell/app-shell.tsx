import { can, ROLE_LABELS } from '@/lib/auth/permissions.ts';
import type { CurrentUser } from '@/lib/auth/session.ts';
import { NAV } from '@/lib/nav.ts';
import { Logo } from './logo.tsx';
import { NavLink } from './nav-link.tsx';
import { SignOutButton } from './sign-out-button.tsx';
import { WorkspaceSwitcher } from './workspace-switcher.tsx';
import type { WorkspaceChoice } from '@/lib/workspaces/current.ts';

export function AppShell({
  user,
  workspaces,
  children,
}: {
  user: CurrentUser;
  workspaces: WorkspaceChoice;
  children: React.ReactNode;
}) {
  const items = NAV.filter((item) => can(user.roles, item.permission));
  return (
    <div className="shell">
      <header className="topbar">
        <a href={items[0]?.href ?? '/'} className="brand">
          <Logo /> Tollgate
        </a>
        <WorkspaceSwitcher current={workspaces.current} all={workspaces.all} />
        <div className="user">
          {/* Outside the main navigation: every signed-in user can read it, whatever their role. */}
          <a href="/glossary" className="button button-small">
            Glossary
          </a>
          <span className="user-name">{user.name ?? user.email}</span>
          <span className="role-badges">
            {user.roles.map((r) => (
              <span key={r} className="badge" data-role={r}>
                {ROLE_LABELS[r]}
              </span>
            ))}
          </span>
          <SignOutButton small />
        </div>
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul>
          {items.map((item) => (
            <li key={item.href}>
              <NavLink href={item.href} label={item.label} />
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
