// Origin checks (issue 15 item 7): a hostile or broken Origin is a 403, never a 500.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertSameOrigin, errorResponse } from './route.ts';
import { isSameOrigin } from './same-origin.ts';

const req = (headers: Record<string, string>) => new Request('http://localhost:3000/x', { method: 'POST', headers });

/** What a route handler answers when the check throws (route handlers map errors through errorResponse). */
function statusOf(headers: Record<string, string>): number {
  try {
    assertSameOrigin(req(headers));
    return 200;
  } catch (error) {
    return errorResponse(error).status;
  }
}

describe('assertSameOrigin', () => {
  it.each([
    'null',
    'not a url',
    'http://',
    '://x',
    'http://[::1',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://localhost:3000 evil',
    '%',
  ])('Origin %j is refused with 403', (origin) => {
    expect(statusOf({ origin, host: 'localhost:3000' })).toBe(403);
  });

  it('accepts this origin (also behind a proxy) and refuses others', () => {
    expect(statusOf({ origin: 'http://localhost:3000', host: 'localhost:3000' })).toBe(200);
    expect(
      statusOf({ origin: 'https://tollgate.example', host: '127.0.0.1:3000', 'x-forwarded-host': 'tollgate.example' }),
    ).toBe(200);
    expect(statusOf({ origin: 'https://evil.example', host: 'localhost:3000' })).toBe(403);
    expect(statusOf({ origin: 'http://localhost:3000.evil.example', host: 'localhost:3000' })).toBe(403);
    expect(statusOf({ host: 'localhost:3000' })).toBe(403);
    expect(statusOf({ host: 'localhost:3000', 'sec-fetch-site': 'cross-site' })).toBe(403);
    expect(statusOf({ host: 'localhost:3000', 'sec-fetch-site': 'same-site' })).toBe(403);
  });

  it('with no Origin, trusts only Sec-Fetch-Site: same-origin', () => {
    expect(isSameOrigin(new Headers({ host: 'localhost:3000', 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isSameOrigin(new Headers({ origin: 'null', host: 'localhost:3000', 'sec-fetch-site': 'same-origin' }))).toBe(
      false,
    );
  });

  it('never throws anything but a 403 for any Origin (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.constant('null')), (origin) => {
        const status = statusOf({ origin, host: 'localhost:3000' });
        return status === 403 || (status === 200 && new URL(origin).host === 'localhost:3000');
      }),
      { numRuns: 2000 },
    );
  });
});
