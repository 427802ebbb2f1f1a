// Pages through Settings' active sessions (newest first); keeps the link to the first page once paged.
import Link from 'next/link';

export function SessionPager({ first, nextBefore }: { first: boolean; nextBefore: string | null }) {
  if (!first && !nextBefore) return null;
  return (
    <nav className="pager" aria-label="Session pages">
      {first && (
        <Link className="button" href="/settings#sessions-h">
          Newest sessions
        </Link>
      )}
      {nextBefore && (
        <Link className="button" href={`/settings?sessionsBefore=${encodeURIComponent(nextBefore)}#sessions-h`}>
          Older sessions
        </Link>
      )}
    </nav>
  );
}
