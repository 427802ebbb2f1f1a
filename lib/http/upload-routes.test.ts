// Upload routes must receive their whole body (issue 15, item 2): the proxy does not run for them (Next would
// buffer and cut the body at 10 MB), so each sets its own request id and security headers; every other route
// still goes through the proxy. Checked on the matcher as Next compiles it, over every route in the tree.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as staticInfo from 'next/dist/build/analysis/get-page-static-info.js';
import { describe, expect, it } from 'vitest';
import { config } from '@/proxy.ts';

// Next's own compilation of `config.matcher` (not typed in its .d.ts): what `next build` writes to the manifest.
const { getMiddlewareMatchers } = staticInfo as unknown as {
  getMiddlewareMatchers: (matcher: unknown, nextConfig: object) => { regexp: string }[];
};
const matchers = getMiddlewareMatchers(config.matcher, {}).map((m) => new RegExp(m.regexp));
const proxied = (pathname: string) => matchers.some((re) => re.test(pathname));

function routes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return routes(p);
    return /^(route\.ts|page\.tsx)$/.test(d.name) ? [p] : [];
  });
}

/** app/(dashboard)/exceptions/[exceptionId]/page.tsx → /exceptions/x */
const urlOf = (file: string) =>
  `/${path
    .dirname(path.relative('app', file))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s) && s !== '.')
    .map((s) => (s.startsWith('[') ? 'x' : s))
    .join('/')}`;

describe('which routes the proxy runs for', () => {
  const all = routes('app');
  // An upload route applies uploadAnswer itself or through withRoute's `upload: true` (its last argument, which the
  // formatter may put on a line of its own with a trailing comma).
  const uploads = all.filter((f) => /uploadAnswer\(request\)|upload: true \},?\s*\)/.test(readFileSync(f, 'utf8')));

  it('skips exactly the upload routes, each of which sets its own headers', () => {
    expect(uploads.map(urlOf).sort()).toEqual([
      '/api/agents/imports',
      '/api/attestations',
      '/api/campaigns/items/x/answers',
      '/api/checklist/signoffs',
      '/api/exceptions/x/attachments',
      '/api/gpts/files',
      '/api/logs/files',
      '/api/roster/imports',
    ]);
    for (const file of all) expect([urlOf(file), proxied(urlOf(file))]).toEqual([urlOf(file), !uploads.includes(file)]);
  });

  it('still runs for pages, downloads and short bodies next to the upload routes', () => {
    for (const p of [
      '/',
      '/sign-in',
      '/agents/import',
      '/api/agents/imports/x/commit',
      '/api/exceptions/x/attachments/y',
      '/api/campaigns/answers/x',
      '/api/logs/files-x',
      '/api/v1/agents',
      '/api/v1/agent-imports/x',
      '/api/v1/agent-imports/x/commit',
      '/api/attestations/x/evidence',
      '/scim/v2/Users',
    ]) {
      expect([p, proxied(p)]).toEqual([p, true]);
    }
    // The API's agent export upload (lib/api/operations/imports.ts) streams its own body to disk within its 256 MB.
    for (const p of ['/api/logs/files', '/api/logs/files/', '/api/agents/imports', '/api/v1/agent-imports'])
      expect([p, proxied(p)]).toEqual([p, false]);
    // An undecodable id still meets the proxy, which answers 400 with the security headers (Next alone answers a bare
    // 500).
    expect(proxied('/api/exceptions/%E0%A4%A/attachments')).toBe(true);
  });

  it('every route that reads a body larger than the proxy’s 10 MB is an upload route', () => {
    const big = all.filter(
      (f) =>
        /readAttachmentForm\(|MAX_IMPORT_BYTES|MAX_MEMBER_IMPORT_BYTES|MAX_ATTACHMENT_BYTES|MAX_LOG_UPLOAD_BYTES/.test(
          readFileSync(f, 'utf8'),
        ) && f.endsWith('route.ts'),
    );
    expect(big.filter((f) => !uploads.includes(f))).toEqual([]);
  });
});
