// How a GPT's timeline reads (pure): a GPT has capabilities, actions and knowledge files, not an agent's apps and
// connectors, and the platform lists it rather than exporting it. The agents' wording stays in the timeline;
// this answers only the GPT's own entries, in plain sentences.
import type { GptChange } from '@/lib/gpts/diff.ts';
import {
  GPT_CAPABILITY_LABELS,
  type GptConfig,
  isGptCapability,
  isGptVisibility,
  GPT_VISIBILITY_LABELS,
} from '@/lib/gpts/types.ts';

/** What a GPT was made of, as the timeline names it. */
export type GptParts = { capabilities: string[]; actions: string[]; files: number; apps: string[] };

type Versioned = { firstSeenAt: Date; configCreatedAt: Date | string | null; config: GptConfig };

const MAX_CHANGES = 5;

export function gptParts(config: Pick<GptConfig, 'capabilities' | 'actions' | 'files' | 'apps'>): GptParts {
  return {
    capabilities: config.capabilities.map((c) => GPT_CAPABILITY_LABELS[c] ?? c),
    actions: [...new Set(config.actions.map((a) => a.domain || 'unnamed domain'))].sort(),
    files: config.files.length,
    apps: config.apps.map((a) => a.name || a.id),
  };
}

/** The configuration a GPT had when it was first read at `at`: the newest version seen by then (versions oldest
 *  first, as the page loads them); null when none was stored by then. */
export function configFirstSeen(versions: readonly Versioned[], at: Date): GptConfig | null {
  return versions.findLast((v) => v.firstSeenAt.getTime() <= at.getTime())?.config ?? null;
}

const names = (list: readonly string[]) => (list.length ? list.join(', ') : 'none');

export function describeParts(p: GptParts): string {
  const parts = [
    `capabilities: ${names(p.capabilities)}`,
    `actions: ${names(p.actions)}`,
    `${p.files} knowledge file${p.files === 1 ? '' : 's'}`,
  ];
  if (p.apps.length) parts.push(`apps: ${names(p.apps)}`);
  return parts.join('; ');
}

const visibility = (v: unknown) => (typeof v === 'string' && isGptVisibility(v) ? GPT_VISIBILITY_LABELS[v] : String(v));
const subject = (c: GptChange) =>
  c.area === 'capability' && isGptCapability(c.subject) ? GPT_CAPABILITY_LABELS[c.subject] : c.subject;

function describeChange(c: GptChange): string {
  const area = c.area === 'file' ? 'knowledge file' : c.area;
  if (c.change !== 'changed') return `${area} ${subject(c)} ${c.change}`;
  const was = c.before !== null ? ` was ${c.before}` : '';
  const now = c.after !== null ? ` now ${c.after}` : '';
  return `${area} ${subject(c)} changed (${c.field ?? 'detail'}:${was}${was && now ? ',' : ''}${now})`;
}

function describeChanges(changes: readonly GptChange[]): string {
  const shown = changes.slice(0, MAX_CHANGES).map(describeChange).join('; ');
  const more = changes.length - MAX_CHANGES;
  return more > 0 ? `${shown}; and ${more} more` : shown;
}

/** A GPT's timeline entry in words; null for a kind it shares with agents word for word (renamed, owner…). */
export function gptHistoryText(kind: string, d: Record<string, unknown>): string | null {
  switch (kind) {
    case 'created': {
      const owner = d.ownerEmail ? `owned by ${String(d.ownerEmail)}` : 'with no owner';
      const parts = d.parts as GptParts | undefined;
      return `First seen, ${owner}${parts ? `, with ${describeParts(parts)}` : ''}`;
    }
    case 'gpt_config_changed': {
      const changes = Array.isArray(d.changes) ? (d.changes as GptChange[]) : [];
      const versions = d.toConfigId ? ` (${String(d.fromConfigId ?? '?')} → ${String(d.toConfigId)})` : '';
      return changes.length
        ? `Configuration changed${versions}: ${describeChanges(changes)}`
        : `New configuration${versions}, no change in capabilities, actions, files or apps`;
    }
    case 'gpt_sharing_changed': {
      const recipients = Array.isArray(d.changes)
        ? (d.changes as GptChange[]).filter((c) => c.field === 'recipient')
        : [];
      const who = recipients.length ? `; ${describeChanges(recipients)}` : '';
      return d.from === d.to
        ? `Shared with other people${who}`
        : `Sharing changed from ${visibility(d.from)} to ${visibility(d.to)}${who}`;
    }
    case 'missing_from_export':
      return 'No longer listed by the platform (a complete read)';
    case 'back_in_export':
      return 'Listed by the platform again';
    default:
      return null;
  }
}
