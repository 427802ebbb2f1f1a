// POST /api/agents/imports?ws=…&full=1|0 — upload an agent export (the raw CSV as the body, streamed in,
// size-limited) and get its preview id. Nothing changes in the inventory until the import is committed.
import { authorize } from '../../../../lib/auth/authorize.ts';
import { MAX_IMPORT_BYTES, previewImport } from '../../../../lib/agents/import/service.ts';
import { db } from '../../../../lib/db.ts';
import { AppError } from '../../../../lib/http/app-error.ts';
import { assertSameOrigin, errorResponse, readBody } from '../../../../lib/http/route.ts';
import { uploadAnswer, uploadFilename } from '../../../../lib/http/upload-answer.ts';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const answer = uploadAnswer(request);
  try {
    const actor = { ...(await authorize('agents:write')), requestId: answer.requestId };
    assertSameOrigin(request);
    const url = new URL(request.url);
    const workspaceId = url.searchParams.get('ws');
    if (!workspaceId) throw new AppError('bad_request', 'Missing ws (the workspace id).');
    const filename = uploadFilename(request, 'agents.csv');
    const content = await readBody(request, MAX_IMPORT_BYTES);
    if (content.length === 0) throw new AppError('unprocessable', 'The file is empty.');
    const { id } = await previewImport(db(), actor, workspaceId, { filename, content, fullExport: url.searchParams.get('full') !== '0' });
    return answer(Response.json({ id }, { status: 201 }));
  } catch (error) {
    return answer(errorResponse(error));
  }
}
