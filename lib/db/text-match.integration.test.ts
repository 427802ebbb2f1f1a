// The text filters on real PostgreSQL: whatever a user types, a filter matches what the same comparison in
// JavaScript would, with "%", "_" and "\" standing for themselves.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { createTestDatabase } from '@/test/db.ts';
import { containsText, equalsIgnoringCase, startsWithText } from './text-match.ts';

let db: Db;
const NAMES = ['a_b', 'axb', 'A%B', '100%', '1000', 'back\\', 'back\\\\', 'Ops', 'ops', '_', '%', '\\', 'x\\_y'];

beforeAll(async () => {
  db = createDb(await createTestDatabase('text_match'));
  await db.workspace.create({ data: { id: 'ws-text', name: 'text' } });
  await db.group.createMany({
    data: NAMES.map((displayName) => ({ workspaceId: 'ws-text', displayName, source: 'csv' })),
  });
});
afterAll(() => db.$disconnect());

const matching = async (filter: object) =>
  (await db.group.findMany({ where: { workspaceId: 'ws-text', displayName: filter }, orderBy: { displayName: 'asc' } }))
    .map((g) => g.displayName)
    .sort();
const expected = (keep: (name: string) => boolean) => NAMES.filter(keep).sort();
const typed = fc.string({
  unit: fc.constantFrom('a', 'B', 'x', '%', '_', '\\', '1', '0', 'o', 'p', 's'),
  maxLength: 5,
});

it('equalsIgnoringCase, containsText and startsWithText agree with JavaScript for any typed text', async () => {
  await fc.assert(
    fc.asyncProperty(typed, async (q) => {
      const lower = q.toLowerCase();
      expect(await matching(equalsIgnoringCase(q))).toEqual(expected((n) => n.toLowerCase() === lower));
      expect(await matching(containsText(q))).toEqual(expected((n) => n.toLowerCase().includes(lower)));
      expect(await matching(startsWithText(q))).toEqual(expected((n) => n.startsWith(q)));
    }),
    { numRuns: 150, examples: [['%'], ['_'], ['\\'], ['back\\'], ['a_b'], ['']] },
  );
});
