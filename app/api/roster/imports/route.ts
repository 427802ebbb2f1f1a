// POST /api/roster/imports?ws=…&full=1|0 — upload an admin console members export (the raw CSV as the body,
// size-limited) and get its preview id. Nothing changes in the roster until the import is committed.
import { authorize } from '../../../../lib/auth/authorize.ts';
import { db } from '../../../../lib/db.ts';
import { AppError } from '../../../../lib/http/app-error.ts';
import { assertSameOrigin, errorResponse, readBody } from '../../../../lib/http/route.ts';
import { uploadAnswer, uploadFilename } from '../../../../lib/http/upload-answer.ts';
import { MAX_MEMBER_IMPORT_BYTES, previewMemberImport } from '../../../../lib/roster/import/service.ts';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const answer = uploadAnswer(request);
  try {
    const actor = { ...(await authorize('roster:write')), requestId: answer.requestId };
    assertSameOrigin(request);
    const url = new URL(request.url);
    const workspaceId = url.searchParams.get('ws');
    if (!workspaceId) throw new AppError('bad_request', 'Missing ws (the workspace id).');
    const filename = uploadFilename(request, 'members.csv');
    const content = await readBody(request, MAX_MEMBER_IMPORT_BYTES);
    if (content.length === 0) throw new AppError('unprocessable', 'The file is empty.');
    const { id } = await previewMemberImport(db(), actor, workspaceId, { filename, content, fullExport: url.searchParams.get('full') !== '0' });
    return answer(Response.json({ id }, { status: 201 }));
  } catch (error) {
    return answer(errorResponse(error));
  }
}
