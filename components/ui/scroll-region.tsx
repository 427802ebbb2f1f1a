import type { ReactNode } from 'react';

/**
 * A box that scrolls a wide table inside its card instead of widening the page. It takes keyboard focus and
 * is a labelled region so a keyboard user can scroll it (axe: scrollable-region-focusable).
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <section> per table would add a landmark with no heading
    <div
      className={className ? `table-scroll ${className}` : 'table-scroll'}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus to scroll by keyboard
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {children}
    </div>
  );
}
