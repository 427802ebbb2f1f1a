// GET /scim/docs — public: how Tollgate's SCIM server behaves (docs/scim.md), the ServiceProviderConfig's
// documentationUri. Static documentation, nothing of any workspace; the SCIM endpoints themselves need a token.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const dynamic = 'force-static';

export async function GET() {
  const text = await readFile(path.join(process.cwd(), 'docs', 'scim.md'), 'utf8');
  return new Response(text, {
    headers: {
      'content-type': 'text/markdown; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=3600',
    },
  });
}
