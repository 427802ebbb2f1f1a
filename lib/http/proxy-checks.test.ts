// What the proxy refuses before Next routes a request (issue 15 item 7); e2e/sign-in.spec.ts checks the answers.
import { describe, expect, it } from 'vitest';
import { isDecodablePath, refusesCrossSiteAction } from './proxy-checks.ts';

describe('isDecodablePath', () => {
  it('refuses what decodeURIComponent cannot read and keeps the rest', () => {
    for (const bad of ['/agents/%E0%A4%A', '/agents/%', '/%zz', '/a/%C3', '/%ED%A0%80'])
      expect(isDecodablePath(bad), bad).toBe(false);
    for (const good of ['/', '/agents/a%20b', '/agents/%E0%A4%A4', '/%25'])
      expect(isDecodablePath(good), good).toBe(true);
  });
});

describe('refusesCrossSiteAction', () => {
  const h = (headers: Record<string, string>) => new Headers({ host: 'localhost:3000', ...headers });

  it('refuses a server action POST with no Origin, a foreign one, or Origin: null', () => {
    expect(refusesCrossSiteAction('POST', '/settings', h({ 'next-action': 'abc' }))).toBe(true);
    expect(refusesCrossSiteAction('POST', '/sign-in', h({ 'content-type': 'multipart/form-data; boundary=x' }))).toBe(
      true,
    );
    expect(refusesCrossSiteAction('POST', '/settings', h({ origin: 'https://evil.example' }))).toBe(true);
    expect(refusesCrossSiteAction('POST', '/settings', h({ origin: 'null' }))).toBe(true);
    expect(refusesCrossSiteAction('POST', '/settings', h({ 'sec-fetch-site': 'same-site' }))).toBe(true);
    expect(refusesCrossSiteAction('put', '/settings', h({}))).toBe(true);
  });

  it('accepts a same-origin action and leaves reads and route handlers alone', () => {
    expect(
      refusesCrossSiteAction('POST', '/settings', h({ origin: 'http://localhost:3000', 'next-action': 'abc' })),
    ).toBe(false);
    expect(refusesCrossSiteAction('POST', '/settings', h({ 'sec-fetch-site': 'same-origin' }))).toBe(false);
    expect(refusesCrossSiteAction('GET', '/settings', h({}))).toBe(false);
    expect(refusesCrossSiteAction('HEAD', '/settings', h({ origin: 'https://evil.example' }))).toBe(false);
    // Route handlers check their own (and the IdP may POST back to Auth.js from its own origin).
    expect(refusesCrossSiteAction('POST', '/api/auth/callback/oidc', h({ origin: 'https://idp.example' }))).toBe(false);
    expect(refusesCrossSiteAction('POST', '/scim/v2/Users', h({}))).toBe(false);
  });
});
