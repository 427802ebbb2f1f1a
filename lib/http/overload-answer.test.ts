import { describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '@/lib/api/problem.ts';
import { overloadAnswer } from './overload-answer.ts';

describe('overloadAnswer', () => {
  it('answers the API with a problem of the stable type "overloaded" and Retry-After', async () => {
    const r = overloadAnswer('/api/v1/agents', 2, 'req-1');
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('2');
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(await r.json()).toMatchObject({
      type: `${PROBLEM_BASE}overloaded`,
      status: 503,
      instance: 'urn:tollgate:request:req-1',
    });
  });

  it('answers SCIM in its own error format', async () => {
    const r = overloadAnswer('/scim/v2/Users', 3, 'req-2');
    expect(r.headers.get('content-type')).toBe('application/scim+json');
    expect(await r.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503' });
    expect(r.headers.get('retry-after')).toBe('3');
  });

  it('answers a page (or a server action) with a small static page that retries by itself', async () => {
    const r = overloadAnswer('/agents', 1, 'req-3');
    expect(r.status).toBe(503);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const html = await r.text();
    expect(html).toContain('<meta http-equiv="refresh" content="1">');
    expect(html).toContain('retry in 1 s');
    expect(html).not.toMatch(/<script|<link/);
  });
});
