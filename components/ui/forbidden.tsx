export function Forbidden({ what }: { what: string }) {
  return (
    <section className="panel" role="alert">
      <h1>Not allowed</h1>
      <p>Your Tollgate role does not include {what}. Ask an administrator if you need it.</p>
    </section>
  );
}
