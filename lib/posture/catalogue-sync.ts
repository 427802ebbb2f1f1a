// Writes the control catalogue into the Control table: one transaction, rows written only where they differ,
// so a second run changes nothing. Rows of other guide versions are left alone.
import type { Db } from '@/lib/db.ts';
import { CATALOGUE, type Catalogue, type CatalogueControl } from './catalogue.ts';

export type SyncResult = { catalogue: string; created: number; updated: number; removed: number; unchanged: number };

const row = (catalogue: string, c: CatalogueControl) => ({
  catalogue,
  id: c.id,
  title: c.title,
  section: c.section,
  sectionTitle: c.sectionTitle,
  level: c.level,
  cis: c.cis,
  nist: c.nist,
  soc2: c.soc2,
  gdpr: c.gdpr,
  assessment: c.assessment,
  position: c.position,
});

type Fields = Omit<ReturnType<typeof row>, 'level' | 'gdpr' | 'assessment'> & {
  level: string | null;
  gdpr: string[];
  assessment: string;
};
const fingerprint = (r: Fields) =>
  JSON.stringify([
    r.title,
    r.section,
    r.sectionTitle,
    r.level,
    r.cis,
    r.nist,
    r.soc2,
    r.gdpr,
    r.assessment,
    r.position,
  ]);

export async function syncControls(db: Db, catalogue: Catalogue = CATALOGUE): Promise<SyncResult> {
  const version = catalogue.version;
  return db.$transaction(async (tx) => {
    const stored = await tx.control.findMany({ where: { catalogue: version } });
    const byId = new Map(stored.map((r) => [r.id, r]));
    const result: SyncResult = { catalogue: version, created: 0, updated: 0, removed: 0, unchanged: 0 };
    for (const control of catalogue.controls) {
      const wanted = row(version, control);
      const existing = byId.get(control.id);
      if (existing && fingerprint(existing) === fingerprint(wanted)) {
        result.unchanged++;
        continue;
      }
      await tx.control.upsert({
        where: { catalogue_id: { catalogue: version, id: control.id } },
        create: wanted,
        update: wanted,
      });
      if (existing) result.updated++;
      else result.created++;
    }
    // A corrected data file may drop a control of the same version: the table follows the file.
    const ids = catalogue.controls.map((c) => c.id);
    result.removed = (await tx.control.deleteMany({ where: { catalogue: version, id: { notIn: ids } } })).count;
    return result;
  });
}
