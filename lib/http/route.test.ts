import { describe, expect, it } from 'vitest';
import { assertSameOrigin, readBody } from './route.ts';

const req = (headers: Record<string, string>, body?: string) =>
  new Request('http://localhost:3000/x', { method: 'POST', headers, body });

describe('route guards', () => {
  it('refuses a cross-site or origin-less mutating request', () => {
    expect(() => assertSameOrigin(req({ origin: 'http://localhost:3000', host: 'localhost:3000' }))).not.toThrow();
    expect(() => assertSameOrigin(req({ origin: 'https://evil.example', host: 'localhost:3000' }))).toThrow(
      /Cross-site/,
    );
    expect(() => assertSameOrigin(req({ host: 'localhost:3000' }))).toThrow(/Cross-site/);
  });

  it('reads a body up to the limit and refuses a larger one with 413', async () => {
    expect((await readBody(req({}, 'abc'), 3)).toString()).toBe('abc');
    await expect(readBody(req({}, 'abcd'), 3)).rejects.toMatchObject({ status: 413 });
  });
});
