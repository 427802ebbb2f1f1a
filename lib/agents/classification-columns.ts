// The classification columns stored on an agent row, so the inventory can be filtered and sorted in SQL.
import type { Classification } from '@/lib/trifecta/types.ts';

export type ClassificationColumns = {
  appIds: string[];
  unknownApps: string[];
  unclassifiedMcp: string[];
  legs: Classification['legs'];
  legCount: number;
  trifecta: boolean;
  breakApps: string[];
  effectiveState: Classification['effectiveState'];
};

export function classificationColumns(c: Classification): ClassificationColumns {
  return {
    appIds: c.apps.map((a) => a.id),
    unknownApps: c.unknownApps,
    unclassifiedMcp: c.unclassifiedMcp,
    legs: c.legs,
    legCount: c.legCount,
    trifecta: c.trifecta,
    breakApps: [...new Set(c.breakSets.flat())].sort(),
    effectiveState: c.effectiveState,
  };
}
