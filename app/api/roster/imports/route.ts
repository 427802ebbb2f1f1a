// POST /api/roster/imports?ws=…&full=1|0 — upload an admin console members export (the raw CSV as the body,
// size-limited) and get its preview id. Nothing changes in the roster until the import is committed.
import { AppError } from '@/lib/http/app-error.ts';
import { readBody } from '@/lib/http/route.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { MAX_MEMBER_IMPORT_BYTES, previewMemberImport } from '@/lib/roster/import/service.ts';

export const dynamic = 'force-dynamic';

export const POST = withRoute(
  'roster:write',
  async ({ actor, db, request, workspaceId, filename }) => {
    const name = filename('members.csv');
    const content = await readBody(request, MAX_MEMBER_IMPORT_BYTES);
    if (content.length === 0) throw new AppError('unprocessable', 'The file is empty.');
    const fullExport = new URL(request.url).searchParams.get('full') !== '0';
    const { id } = await previewMemberImport(db, actor, workspaceId, { filename: name, content, fullExport });
    return Response.json({ id }, { status: 201 });
  },
  { ws: 'required', upload: true },
);
