// The trifecta in one sentence, and which app in which corner completes it, pure. Works on the effective
// legs: an app whose external sends are all closed (denied by action control, not in its allowed tools, or
// gated by a human) no longer counts for "external send", so it is shown closed there, never starred.
import { LEGS, type Leg } from '@/lib/apps/legs.ts';
import { minimumBreakSets } from './break.ts';
import type { Classification } from './types.ts';

export type CornerApp = { id: string; name: string; completing: boolean; closed: string | null };
export type TrifectaView = {
  corners: Record<Leg, CornerApp[]>;
  /** Apps that complete the effective trifecta (removing any one of the sets breaks it). */
  completing: string[];
  /** All three corners lit by open apps: the risk is live unless an exception accepts it. */
  open: boolean;
  sentence: string;
};

const PHRASE: Record<Leg, string> = {
  private_data: 'private-data',
  untrusted_content: 'untrusted-content',
  external_send: 'external-send',
};

export function trifectaView(
  c: Pick<Classification, 'apps' | 'legs' | 'sendMitigations' | 'effectiveState'>,
): TrifectaView {
  const nameOf = (id: string) => c.apps.find((a) => a.id === id)?.app?.name ?? id;
  const closed = new Map(c.sendMitigations.filter((m) => m.mitigated).map((m) => [m.app, m.reason]));
  const effective = { ...c.legs, external_send: c.legs.external_send.filter((id) => !closed.has(id)) } as Record<
    Leg,
    string[]
  >;
  const open = LEGS.every((leg) => effective[leg].length > 0);
  const smallest = open ? Math.min(...LEGS.map((leg) => effective[leg].length)) : 0;
  // A corner whose open apps form a minimum break set: each of them completes the trifecta there.
  const thin = (leg: Leg) => open && effective[leg].length === smallest;
  const corners = Object.fromEntries(
    LEGS.map((leg) => [
      leg,
      c.legs[leg].map((id) => {
        const shut = leg === 'external_send' ? (closed.get(id) ?? null) : null;
        return { id, name: nameOf(id), completing: !shut && thin(leg), closed: shut };
      }),
    ]),
  ) as Record<Leg, CornerApp[]>;
  const completing = open ? [...new Set(minimumBreakSets(effective).flat())] : [];
  return { corners, completing, open, sentence: sentenceOf(c, effective, open, closed, nameOf) };
}

function sentenceOf(
  c: Pick<Classification, 'legs' | 'effectiveState'>,
  effective: Record<Leg, string[]>,
  open: boolean,
  closed: Map<string, string>,
  nameOf: (id: string) => string,
): string {
  const missing = LEGS.filter((leg) => c.legs[leg].length === 0);
  if (missing.length)
    return `Not a trifecta: no app brings ${list(
      missing.map((l) => PHRASE[l].replace('-', ' ')),
      'or',
    )}.`;
  if (!open) {
    const why = [...closed].map(([id, reason]) => `${nameOf(id)}: ${reason}`).join('; ');
    return `Closed: every app that could send data out is shut (${why}), so it is not exposed.`;
  }
  const accepted = c.effectiveState === 'accepted' ? ' An approved exception accepts the risk for now.' : '';
  const smallest = Math.min(...LEGS.map((leg) => effective[leg].length));
  const thin = LEGS.filter((leg) => effective[leg].length === smallest);
  if (smallest > 1) {
    // Corners with the same apps are named together: "every untrusted-content and external-send app (…)".
    const bySet = new Map<string, Leg[]>();
    for (const leg of thin)
      bySet.set(effective[leg].join('\u0000'), [...(bySet.get(effective[leg].join('\u0000')) ?? []), leg]);
    const sets = [...bySet.values()].map(
      (legs) =>
        `every ${list(
          legs.map((l) => PHRASE[l]),
          'and',
        )} app (${list(effective[legs[0]!]!.map(nameOf), 'and')})`,
    );
    return `No single app completes it: remove ${list(sets, 'or')} to break it.${accepted}`;
  }
  // One app per thin corner: group the corners by the app, so an app alone in two corners is named once.
  const byApp = new Map<string, Leg[]>();
  for (const leg of thin) byApp.set(effective[leg][0]!, [...(byApp.get(effective[leg][0]!) ?? []), leg]);
  const only = (id: string) =>
    `the only ${list(
      byApp.get(id)!.map((l) => (l === 'external_send' && closed.size ? 'open external-send' : PHRASE[l])),
      'and',
    )} app`;
  const apps = [...byApp.keys()];
  if (apps.length === 1) return `${nameOf(apps[0]!)} completes it: it is ${only(apps[0]!)}.${accepted}`;
  return (
    `Each of ${list(apps.map(nameOf), 'and')} completes it: ` +
    `${apps.map((id) => `${nameOf(id)} is ${only(id)}`).join(', ')}.${accepted}`
  );
}

function list(items: string[], word: 'and' | 'or'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}
