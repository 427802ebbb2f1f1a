'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { NAV } from '@/lib/nav.ts';

export function NavLink({ href, label }: { href: string; label: string }) {
  const path = usePathname();
  const under = (h: string) => path === h || path.startsWith(`${h}/`);
  // A section nested in another (Settings → API tokens) lights only itself.
  const nested = NAV.some((n) => n.href.startsWith(`${href}/`) && under(n.href));
  const active = href === '/' ? path === '/' : under(href) && !nested;
  return (
    <Link href={href} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
      {label}
    </Link>
  );
}
