import { expect, it } from 'vitest';
import { summarizeDiff } from './summarize.ts';

it('flattens a diff into path: value lines and caps them', () => {
  expect(summarizeDiff({ after: { name: 'Acme', kind: 'workspace', principal: null }, groups: ['a', 'b'] })).toEqual([
    'after.name: Acme',
    'after.kind: workspace',
    'after.principal: null',
    'groups: ["a","b"]',
  ]);
  expect(summarizeDiff({ a: 1, b: 2, c: 3 }, 2)).toEqual(['a: 1', 'b: 2', '… 1 more']);
});
