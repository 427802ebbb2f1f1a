// Two instances' SCIM limiters (two pools, as two processes would have) on one database spend one budget per token.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { sharedScimLimiter } from './shared-rate-limit.ts';

let url: string;
beforeAll(async () => {
  url = await createTestDatabase('scimlimit');
});

describe('the SCIM rate limit across instances', () => {
  it('refuses the request past the burst on either instance, with the seconds to wait', async () => {
    const limit = { capacity: 6, perSecond: 6 / 3600 }; // one window an hour: the test never races its end
    const [a, b] = [sharedScimLimiter(url, limit), sharedScimLimiter(url, limit)];
    const token = `token-${Date.now()}`;
    const waits = [];
    for (let i = 0; i < 6; i++) waits.push(await (i % 2 ? a : b).take(token, Date.now()));
    expect(waits).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await a.take(token, Date.now())).toBeGreaterThan(3000);
    expect(await b.take(token, Date.now())).toBeGreaterThan(3000);
    // Another token has its own budget.
    expect(await a.take(`${token}-other`, Date.now())).toBe(0);
  });
});
