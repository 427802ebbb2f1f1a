// What would break a trifecta. Removing a set S of apps breaks it exactly when S holds every app of
// some leg, so the minimum sets are the app lists of the legs with the fewest apps.
import { LEGS, type Leg } from '@/lib/apps/legs.ts';
import type { ResolvedApp } from '@/lib/apps/resolve.ts';
import type { RestrictOption, SendMitigation } from './types.ts';

export function minimumBreakSets(legs: Record<Leg, string[]>): string[][] {
  const smallest = Math.min(...LEGS.map((leg) => legs[leg].length));
  const sets = new Map<string, string[]>();
  for (const leg of LEGS) {
    if (legs[leg].length !== smallest) continue;
    const set = [...legs[leg]].sort();
    sets.set(set.join('\u0000'), set);
  }
  return [...sets.values()].sort((a, b) => (a.join(',') < b.join(',') ? -1 : 1));
}

/** For each unmitigated sender: make it read-only (when its sends are all writes), gate its sends, or classify it. */
export function restrictOptions(mitigations: SendMitigation[], apps: ResolvedApp[]): RestrictOption[] {
  const options: RestrictOption[] = [];
  for (const m of mitigations) {
    if (m.mitigated) continue;
    const entry = apps.find((a) => a.id === m.app);
    if (!entry?.app || m.openActions.includes('*')) {
      options.push({ app: m.app, fix: entry?.app ? 'gate' : 'classify', actions: [] });
      continue;
    }
    const sends = entry.app.actions.filter((a) => a.externalSend);
    const fix = sends.every((a) => a.access === 'write') ? 'read_only' : 'gate';
    options.push({ app: m.app, fix, actions: m.openActions });
  }
  return options;
}
