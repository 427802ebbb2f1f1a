'use client';
// A list's filters as a plain GET form (the URL holds the view, so it can be bookmarked and shared) that keeps the
// table's sort, direction and page size when a filter is applied, and starts again at page 1.
import { useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { keptParams, VIEW_PARAMS } from './filter-params.ts';

type Props = {
  label: string;
  /** Where the form goes; the current page when left out. */
  action?: string;
  className?: string;
  /** The view parameters to carry over: leave out any the form shows as a field of its own (a page-size select). */
  keep?: readonly string[];
  children: ReactNode;
};

export function FilterForm({ label, action, className = 'filters panel', keep = VIEW_PARAMS, children }: Props) {
  const search = useSearchParams();
  return (
    <form className={className} method="get" action={action} aria-label={label}>
      {children}
      {keptParams(search.toString(), keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </form>
  );
}
