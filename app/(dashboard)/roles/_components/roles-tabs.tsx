// The Roles section's tabs: the agent role matrix (6.1) and the workspace roster.
import Link from 'next/link';
import './roles-tabs.css';

const TABS = [
  { key: 'matrix', href: '/roles', label: 'Matrix' },
  { key: 'members', href: '/roles/members', label: 'Members' },
] as const;

export function RolesTabs({ active }: { active: (typeof TABS)[number]['key'] }) {
  return (
    <nav className="roles-tabs" aria-label="Roles">
      {TABS.map((t) => (
        <Link key={t.key} href={t.href} aria-current={t.key === active ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
