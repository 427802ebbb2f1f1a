// What the GPT page's history shows, pure: the two versions a reviewer picked (by default the two latest), what
// changed between them, and, once a configuration was approved, what changed since and which stored version to
// restore in the builder to get the approved one back (lib/gpts/diff.ts does the comparing).
import { diffGptVersions, type GptChange, rollbackTarget } from '@/lib/gpts/diff.ts';
import type { Gpt, GptConfig } from '@/lib/gpts/types.ts';

export type HistoryVersion = { configId: string; configCreatedAt: string | null; riskHash: string; config: GptConfig };

export type VersionPair = { before: HistoryVersion; after: HistoryVersion; changes: GptChange[] };

/** The versions named `from` and `to` (oldest first in `versions`); unknown or missing ids fall back to the two
 *  latest. Null with fewer than two versions. Sharing is not versioned, so a pair of versions never differs in it. */
export function pickVersions(versions: HistoryVersion[], from?: string, to?: string): VersionPair | null {
  if (versions.length < 2) return null;
  const find = (id: string | undefined) => (id === undefined ? undefined : versions.find((v) => v.configId === id));
  const after = find(to) ?? versions.at(-1)!;
  const before = find(from) ?? versions.findLast((v) => v !== after) ?? versions[0]!;
  return { before, after, changes: diffGptVersions(before.config, after.config) };
}

export type SinceApproval = {
  /** The stored version whose configuration was approved, to restore in the builder; null when none is stored. */
  rollback: HistoryVersion | null;
  /** What changed from the approved version to the GPT now (sharing is not versioned: it is shown apart). */
  changes: GptChange[] | null;
  /** True when the GPT now has the approved configuration. */
  current: boolean;
};

/** Against the approved configuration hash: by each version's stored hash, else recomputed with today's sharing. */
export function sinceApproval(
  versions: HistoryVersion[],
  gpt: Gpt,
  currentHash: string,
  approvedHash: string,
): SinceApproval {
  if (currentHash === approvedHash)
    return { rollback: versions.findLast((v) => v.riskHash === approvedHash) ?? null, changes: [], current: true };
  const rollback =
    versions.findLast((v) => v.riskHash === approvedHash) ??
    rollbackTarget(
      versions.map((v) => ({ ...v.config, configCreatedAt: v.configCreatedAt, version: v })),
      approvedHash,
      gpt.sharing,
    )?.version ??
    null;
  return { rollback, changes: rollback ? diffGptVersions(rollback.config, gpt) : null, current: false };
}
