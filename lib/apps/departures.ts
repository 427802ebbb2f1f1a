// Where a workspace's catalogue departs from the guide's: what a reviewer must be able to justify.
import { builtinCatalogue } from './builtin.ts';
import type { Leg } from './legs.ts';
import type { AppAction, Catalogue, CatalogueApp } from './types.ts';

export type Departure =
  | { appId: string; kind: 'added'; legs: Leg[] }
  | { appId: string; kind: 'removed' }
  | {
      appId: string;
      kind: 'changed';
      legsAdded: Leg[];
      legsRemoved: Leg[];
      aliasesChanged: boolean;
      actionsChanged: string[];
      renamed: boolean;
    };

export function departuresFromGuide(catalogue: Catalogue): Departure[] {
  const guide = new Map(builtinCatalogue('guide').apps.map((a) => [a.id, a]));
  const ids = new Set(catalogue.apps.map((a) => a.id));
  const out: Departure[] = [];
  for (const app of catalogue.apps) {
    const base = guide.get(app.id);
    if (!base) {
      out.push({ appId: app.id, kind: 'added', legs: app.legs });
      continue;
    }
    const change = compare(base, app);
    if (change) out.push(change);
  }
  for (const id of guide.keys()) if (!ids.has(id)) out.push({ appId: id, kind: 'removed' });
  return out;
}

function compare(base: CatalogueApp, app: CatalogueApp): Departure | null {
  const legsAdded = app.legs.filter((l) => !base.legs.includes(l));
  const legsRemoved = base.legs.filter((l) => !app.legs.includes(l));
  const aliasesChanged = [...base.aliases].sort().join('\n') !== [...app.aliases].sort().join('\n');
  const renamed = base.name !== app.name;
  const actionsChanged = changedActions(base.actions, app.actions);
  if (!legsAdded.length && !legsRemoved.length && !aliasesChanged && !renamed && !actionsChanged.length) return null;
  return { appId: app.id, kind: 'changed', legsAdded, legsRemoved, aliasesChanged, actionsChanged, renamed };
}

function changedActions(base: AppAction[], now: AppAction[]): string[] {
  const key = (a: AppAction) => `${a.access}|${a.externalSend}|${a.approvalCategory ?? ''}`;
  const before = new Map(base.map((a) => [a.name, key(a)]));
  const after = new Map(now.map((a) => [a.name, key(a)]));
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}
