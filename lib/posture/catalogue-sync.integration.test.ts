// The catalogue in a real PostgreSQL: the first sync writes every control, a second changes nothing,
// a changed control is updated, and other guide versions are left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { CATALOGUE } from './catalogue.ts';
import { syncControls } from './catalogue-sync.ts';

let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('catalogue'));
});
afterAll(async () => {
  await db.$disconnect();
});

const stored = () => db.control.findMany({ where: { catalogue: CATALOGUE.version }, orderBy: { position: 'asc' } });

describe('syncControls', () => {
  it('writes every control of the catalogue, as the data says', async () => {
    const n = CATALOGUE.controls.length;
    expect(await syncControls(db)).toEqual({
      catalogue: '0.2.1-draft',
      created: n,
      updated: 0,
      removed: 0,
      unchanged: 0,
    });
    const rows = await stored();
    expect(rows).toEqual(CATALOGUE.controls.map((c) => ({ catalogue: '0.2.1-draft', ...c })));
  });

  it('changes nothing the second time', async () => {
    const before = await stored();
    expect(await syncControls(db)).toEqual({
      catalogue: '0.2.1-draft',
      created: 0,
      updated: 0,
      removed: 0,
      unchanged: CATALOGUE.controls.length,
    });
    expect(await stored()).toEqual(before);
  });

  it('follows a corrected file of the same version and leaves other versions alone', async () => {
    const other = { ...CATALOGUE.controls[0], catalogue: '0.1.0-draft' };
    await db.control.create({ data: other });
    const corrected = {
      ...CATALOGUE,
      controls: CATALOGUE.controls.slice(0, -1).map((c) => (c.id === '2.2' ? { ...c, soc2: [] } : c)),
    };
    expect(await syncControls(db, corrected)).toMatchObject({ created: 0, updated: 1, removed: 1 });
    expect((await stored()).map((r) => r.id)).toEqual(corrected.controls.map((c) => c.id));
    expect(await db.control.findUnique({ where: { catalogue_id: { catalogue: '0.1.0-draft', id: '1.1' } } })).toEqual(
      other,
    );
    // And back to the shipped data.
    expect(await syncControls(db)).toMatchObject({ created: 1, updated: 1, removed: 0 });
  });
});
