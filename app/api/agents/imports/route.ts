// POST /api/agents/imports?ws=…&full=1|0 — upload an agent export (the raw CSV as the body, streamed to disk,
// size-limited, then read in pieces) and get its preview id. Nothing changes in the inventory until the import is
// committed.
import { MAX_IMPORT_BYTES, previewImport } from '@/lib/agents/import/service.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { declaredLength, tooLarge } from '@/lib/http/route.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { withUploadedFile } from '@/lib/logs/upload-temp.ts';

export const dynamic = 'force-dynamic';

export const POST = withRoute(
  'agents:write',
  async ({ actor, db, request, workspaceId, filename }) => {
    const name = filename('agents.csv');
    const declared = declaredLength(request);
    if (declared !== null && declared > MAX_IMPORT_BYTES) throw tooLarge(MAX_IMPORT_BYTES);
    if (!request.body || declared === 0) throw new AppError('unprocessable', 'The file is empty.');
    const fullExport = new URL(request.url).searchParams.get('full') !== '0';
    const { id } = await withUploadedFile(request.body, declared, MAX_IMPORT_BYTES, (path) =>
      previewImport(db, actor, workspaceId, { filename: name, path, fullExport }),
    );
    return Response.json({ id }, { status: 201 });
  },
  { ws: 'required', upload: true },
);
