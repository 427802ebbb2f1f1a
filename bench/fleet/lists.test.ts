// The fleet generator's compact tables give back what was put in, across their growth.
import { describe, expect, it } from 'vitest';
import { DigestPool, InternedLists } from './lists.ts';

describe('the fleet generator’s compact tables', () => {
  it('gives back each list, and any prefix of it, after growing well past their first size', () => {
    const lists = new InternedLists();
    const made: string[][] = [];
    for (let i = 0; i < 5_000; i++) {
      const list = Array.from({ length: i % 4 }, (_, k) => `app-${(i * 7 + k) % 37}`);
      made.push(list);
      expect(lists.add(list)).toBe(i);
    }
    expect(lists.count).toBe(made.length);
    for (const i of [0, 1, 2, 3, 1_023, 1_024, 4_999]) {
      expect(lists.get(i)).toEqual(made[i]);
      expect(lists.get(i, 0, 2)).toEqual(made[i]!.slice(0, 2));
    }
  });

  it('keeps SHA-256 digests as 32 bytes each and reads them back as the same hex', () => {
    const pool = new DigestPool();
    const hex = (i: number) => i.toString(16).padStart(8, '0').repeat(8);
    for (let i = 0; i < 3_000; i++) expect(pool.add(hex(i))).toBe(i);
    for (const i of [0, 1, 1_023, 1_024, 2_999]) expect(pool.hex(i)).toBe(hex(i));
  });
});
