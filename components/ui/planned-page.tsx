import { NAV } from '@/lib/nav.ts';
import { PageHeader } from './page-header.tsx';

/** A section not built yet: says what it will show, never invented figures. */
export function PlannedPage({ href }: { href: string }) {
  const item = NAV.find((n) => n.href === href)!;
  return (
    <>
      <PageHeader title={item.label} description={item.purpose} />
      <section className="panel empty-state">
        <h2>Not built yet</h2>
        <p>
          This section arrives with a later release. Until then Tollgate shows nothing here rather than figures it
          cannot back with records.
        </p>
      </section>
    </>
  );
}
