// Open redirect (issue 15 item 5): a callback that points off-site, however it is spelt, becomes "/".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './redirect-target.ts';

const APP = 'http://localhost:3000';

/** What the browser does with the Location we send: the origin it lands on. */
const landsOn = (location: string) => new URL(location, APP).origin;

const HOSTILE = [
  '/\\evil.example/phish', // ?callbackUrl=%2F%5Cevil.example%2Fphish
  '/\t/evil.example', // %09
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  '//evil.example',
  '///evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/.//evil.example', // parses to the path "//evil.example"
  '/a/../..//evil.example',
  '/%2e//evil.example',
  ' //evil.example',
  '\u0000//evil.example',
  'https://evil.example',
  'http://evil.example/',
  'HTTPS://evil.example',
  'https:evil.example',
  'http://localhost:3000@evil.example/',
  'http://localhost:3001/',
  'https://localhost:3000/',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'evil.example', // relative: resolves to /evil.example on this app, harmless but checked below
];

describe('safeRedirectPath', () => {
  it.each(HOSTILE)('keeps %j on this app', (value) => {
    const path = safeRedirectPath(value, APP);
    expect(path.startsWith('/')).toBe(true);
    expect(path.startsWith('//')).toBe(false);
    expect(landsOn(path)).toBe(APP);
    expect(path).not.toMatch(/evil\.example\//);
  });

  it('keeps same-origin paths with their query and fragment', () => {
    expect(safeRedirectPath('/agents', APP)).toBe('/agents');
    expect(safeRedirectPath('/agents/a1?tab=history#legs', APP)).toBe('/agents/a1?tab=history#legs');
    expect(safeRedirectPath('http://localhost:3000/audit?q=1', APP)).toBe('/audit?q=1');
    // an encoded slash is a path segment
    expect(safeRedirectPath('/%2F%2Fevil.example', APP)).toBe('/%2F%2Fevil.example');
  });

  it('falls back to / for nothing or non-strings', () => {
    for (const value of [undefined, null, '', 42, ['/a'], {}]) expect(safeRedirectPath(value, APP)).toBe('/');
  });

  it('never leaves the app, whatever the string (property)', () => {
    const chars = fc.constantFrom(
      '/',
      '\\',
      '.',
      ':',
      '@',
      '?',
      '#',
      '%',
      '\t',
      '\n',
      ' ',
      'a',
      'e',
      'evil',
      'http',
      'https:',
      '//',
      '%2F',
      '%5C',
      '\u0000',
      '\u3000',
    );
    const hostileish = fc.array(chars, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(hostileish, fc.string(), fc.webUrl(), fc.webPath()), (value) => {
        const path = safeRedirectPath(value, APP);
        return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') && landsOn(path) === APP;
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps every same-origin path as the browser would read it (property)', () => {
    fc.assert(
      fc.property(fc.webPath(), (p) => {
        const value = `/${p.replace(/^\/+/, '')}`;
        const expected = new URL(value, APP);
        return (
          safeRedirectPath(value, APP) === expected.pathname.replace(/^\/+/, '/') + expected.search + expected.hash
        );
      }),
    );
  });
});
