// The three trifecta parts — private data, untrusted content, external send — as dots that light when some
// app brings that part, with the words beside them where there is room. Readable without colour.
import { LEGS, LEG_LABELS, type Leg } from '@/lib/apps/legs.ts';
import './states.css';

const LETTER: Record<Leg, string> = { private_data: 'P', untrusted_content: 'U', external_send: 'S' };

export function legWords(legs: Record<Leg, string[]>): string {
  const lit = LEGS.filter((l) => legs[l].length > 0);
  if (lit.length === 0) return 'none of the three';
  const words = lit.map((l) => LEG_LABELS[l].toLowerCase());
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : words[0];
  return `${lit.length === 3 ? 'all three: ' : ''}${list}`;
}

/** Dots only (tables); `words` adds "private data, untrusted content and external send" as the main text. */
export function LegDots({ legs, words }: { legs: Record<Leg, string[]>; words?: boolean }) {
  const lit = LEGS.filter((l) => legs[l].length > 0);
  const label = lit.length
    ? `${lit.length} of 3: ${lit.map((l) => LEG_LABELS[l]).join(', ')}`
    : 'None of private data, untrusted content, external send';
  // Beside the words the dots repeat them (hidden from readers); alone they are an image with a label.
  const a11y = words ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label };
  const dots = (
    <span className="leg-dots" {...a11y} title={label}>
      {LEGS.map((l) => (
        <span key={l} className={legs[l].length ? `leg-dot lit leg-${l}` : 'leg-dot'}>
          {LETTER[l]}
        </span>
      ))}
    </span>
  );
  return words ? (
    <span className="leg-words">
      {legWords(legs)} {dots}
    </span>
  ) : (
    dots
  );
}

const STATE_LABEL: Record<string, string> = {
  exposed: 'Exposed',
  mitigated: 'Mitigated',
  accepted: 'Accepted',
  none: 'Not a trifecta',
};

export const stateLabel = (state: string) => STATE_LABEL[state] ?? state;

/**
 * The risk state; for a suspended agent "Suspended" first and the risk state underneath, in grey (a red
 * "Exposed" on an agent that cannot run said the wrong thing). `held` shows only the grey risk state.
 */
export function StateBadge({ state, status, held }: { state: string; status?: string; held?: boolean }) {
  const label = stateLabel(state);
  if (status === 'suspended' && held)
    return (
      <span>
        <span className="state state-held">{label}</span> <span className="small muted">held while suspended</span>
      </span>
    );
  if (status === 'suspended') {
    return (
      <span className="state-stack">
        <span className="state state-suspended">Suspended</span>
        <span className="state-under">risk state: {label}</span>
      </span>
    );
  }
  return <span className={`state state-${state}`}>{label}</span>;
}

const KIND_LABELS: Record<string, string> = { workspace_agent: 'Workspace agent', custom_gpt: 'Custom GPT' };

/** Agent.kind in words: a workspace agent or a custom GPT (docs/decisions/0023). */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

export function statusLabel(status: string): string {
  return status === 'unknown' ? 'Not stated' : status.replace('_', ' ').replace(/^./, (c) => c.toUpperCase());
}
