/** Tollgate's mark: a gate with a bar — drawn inline so it never depends on a font. */
export function Logo({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="3" y="4" width="3" height="17" rx="1" fill="currentColor" />
      <rect x="18" y="4" width="3" height="17" rx="1" fill="currentColor" />
      <rect x="1.5" y="3" width="21" height="3" rx="1" fill="#f5b942" />
      <rect x="6" y="11" width="12" height="2.5" rx="1" fill="currentColor" opacity="0.7" />
    </svg>
  );
}
