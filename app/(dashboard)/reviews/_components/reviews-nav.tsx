import Link from 'next/link';

const TABS = [
  { href: '/reviews', label: 'Queue' },
  { href: '/reviews/register', label: 'Published register' },
  { href: '/reviews/policy', label: 'Approval policy' },
  { href: '/reviews/checklist', label: 'Pre-launch checklist' },
  { href: '/reviews/runbook', label: 'Suspension runbook' },
] as const;

/** The Reviews section's pages; `current` is the href of the page showing it. */
export function ReviewsNav({ current }: { current: (typeof TABS)[number]['href'] }) {
  return (
    <nav className="subnav" aria-label="Reviews">
      {TABS.map((t) => (
        <Link key={t.href} href={t.href} aria-current={t.href === current ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
