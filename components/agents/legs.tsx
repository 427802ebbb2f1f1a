// Three dots for the three legs: lit when some app gives the leg. Readable without colour (letters + label).
import { LEGS, LEG_LABELS, type Leg } from '../../lib/apps/legs.ts';

const LETTER: Record<Leg, string> = { private_data: 'P', untrusted_content: 'U', external_send: 'S' };

export function LegDots({ legs }: { legs: Record<Leg, string[]> }) {
  const lit = LEGS.filter((l) => legs[l].length > 0);
  const label = lit.length ? `${lit.length} of 3 legs: ${lit.map((l) => LEG_LABELS[l]).join(', ')}` : 'No leg';
  return (
    <span className="leg-dots" role="img" aria-label={label} title={label}>
      {LEGS.map((l) => (
        <span key={l} className={legs[l].length ? `leg-dot lit leg-${l}` : 'leg-dot'}>
          {LETTER[l]}
        </span>
      ))}
    </span>
  );
}

const STATE_LABEL: Record<string, string> = { exposed: 'Exposed', mitigated: 'Mitigated', accepted: 'Accepted', none: 'Not a trifecta' };

export function StateBadge({ state }: { state: string }) {
  return <span className={`state state-${state}`}>{STATE_LABEL[state] ?? state}</span>;
}

export function statusLabel(status: string): string {
  return status === 'unknown' ? 'Not stated' : status.replace('_', ' ').replace(/^./, (c) => c.toUpperCase());
}
