// "Not allowed": a page the user's role does not include. forbidden() makes Next answer HTTP 403 and render
// the nearest forbidden.tsx (app/(dashboard)/forbidden.tsx), so the status agrees with what the page says.
import { forbidden } from 'next/navigation';

/** Rendered by pages as `return <Forbidden what="…" />`; throws Next's 403 interrupt while rendering. */
export function Forbidden({ what: _what }: { what: string }): never {
  forbidden();
}

/** The body of every "Not allowed" page. forbidden.tsx takes no props, so it names no section. */
export function NotAllowed() {
  return (
    <section className="panel" role="alert">
      <h1>Not allowed</h1>
      <p>Your Tollgate role does not include this page. Ask an administrator if you need it.</p>
    </section>
  );
}
