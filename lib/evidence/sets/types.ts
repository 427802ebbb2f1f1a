// Evidence sets (issue 8): each governed record kind as auditors read it, as of the period's end or as its
// changes within the period. Each set becomes evidence/<name>.csv and evidence/<name>.json inside a pack.
import type { Db } from '@/lib/db.ts';
import type { Period } from '@/lib/evidence/types.ts';

export type SetContext = {
  workspaceId: string;
  period: Period;
  /**
   * The instant the pack speaks for (lib/evidence/as-of.ts): `to` for an ended period, the moment of generation for a
   * running one; records at or after it are left out.
   */
  asOf: Date;
  /**
   * The pack's controls (a scoped pack), when known: sets whose rows name a control (findings, attestations)
   * keep only these controls' rows. Unset: every row.
   */
  controls?: readonly string[];
};

export type EvidenceSetDef = {
  /** File stem: evidence/<name>.csv and evidence/<name>.json. */
  name: string;
  title: string;
  /** state: as of the period's end; changes: what happened within [from, to). */
  kind: 'state' | 'changes';
  /** The guide's controls this set is evidence for ('all': every control), to pick the sets of a scoped pack. */
  controls: string[] | 'all';
  /** CSV columns, in order; the JSON rows carry at least these keys. */
  columns: string[];
  /** One sentence for the report: what the rows are and how "as of" was established. */
  note: string;
  /** Rows in a stable order (the same data gives byte-identical files), read from the database in pages. */
  rows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>>;
};
