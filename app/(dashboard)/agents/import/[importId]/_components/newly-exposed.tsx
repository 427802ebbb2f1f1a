// Agents an import makes exposed (a trifecta with an open send and no exception in force): said in the
// preview, before anything is written, and again after the commit, counted the same way both times.
import Link from 'next/link';

export function NewlyExposed({
  count,
  agents,
  done,
  links,
}: {
  count: number;
  agents: { agentId: string; name: string }[];
  done: boolean;
  links: boolean;
}) {
  if (count === 0)
    return <p className="muted">{done ? 'No agent became exposed.' : 'No agent would become exposed.'}</p>;
  const plural = count === 1 ? '' : 's';
  return (
    <div className="alert alert-error" role="status">
      <strong>
        {count.toLocaleString('en')} agent{plural} {done ? `became exposed` : 'would become exposed'}
      </strong>{' '}
      (all three risks, a send no action control closes, no exception in force):{' '}
      {agents.map((a, i) => (
        <span key={a.agentId}>
          {i > 0 && ', '}
          {links ? (
            <Link href={`/agents/${encodeURIComponent(a.agentId)}`}>{a.name || a.agentId}</Link>
          ) : (
            a.name || a.agentId
          )}
        </span>
      ))}
      {count > agents.length && ` and ${(count - agents.length).toLocaleString('en')} more`}
    </div>
  );
}
