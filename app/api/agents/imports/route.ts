// POST /api/agents/imports?ws=…&full=1|0 — upload an agent export (the raw CSV as the body, streamed in,
// size-limited) and get its preview id. Nothing changes in the inventory until the import is committed.
import { MAX_IMPORT_BYTES, previewImport } from '@/lib/agents/import/service.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { readBody } from '@/lib/http/route.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

export const POST = withRoute(
  'agents:write',
  async ({ actor, db, request, workspaceId, filename }) => {
    const name = filename('agents.csv');
    const content = await readBody(request, MAX_IMPORT_BYTES);
    if (content.length === 0) throw new AppError('unprocessable', 'The file is empty.');
    const fullExport = new URL(request.url).searchParams.get('full') !== '0';
    const { id } = await previewImport(db, actor, workspaceId, { filename: name, content, fullExport });
    return Response.json({ id }, { status: 201 });
  },
  { ws: 'required', upload: true },
);
