// POST /api/gpts/files — one file of GPTs as an admin saved them from the Compliance API (a list page, a JSON array,
// one GPT or JSONL) as the raw body, streamed to disk (size-limited) and stored like `tollgate gpts import`: exactly
// once, each refused object listed with where it is (line or GPT id), its field and why. Answers with the outcome.
import path from 'node:path';
import { MAX_DOCUMENT_BYTES, readGptFile } from '@/lib/gpts/offline.ts';
import { importGptFiles } from '@/lib/gpts/store-import.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { declaredLength, tooLarge } from '@/lib/http/route.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { withUploadedFile } from '@/lib/logs/upload-temp.ts';

export const dynamic = 'force-dynamic';

/** The offline reader's limit for a whole JSON document: a larger upload could never be read. */
const MAX_GPT_UPLOAD_BYTES = MAX_DOCUMENT_BYTES;
/** Refused objects named in the answer; the Sources page lists the rest of the run's issues. */
const MAX_ISSUES = 100;

export const POST = withRoute(
  'agents:write',
  async ({ db, request, filename, workspace }) => {
    const name = path.basename(filename('gpts.json')) || 'gpts.json';
    if (!/\.(json|jsonl|ndjson)$/i.test(name))
      throw new AppError('unprocessable', `${name}: a GPT file is .json or .jsonl (the pages saved from the API).`);
    const declared = declaredLength(request);
    if (declared !== null && declared > MAX_GPT_UPLOAD_BYTES) throw tooLarge(MAX_GPT_UPLOAD_BYTES);
    if (!request.body || declared === 0) throw new AppError('unprocessable', 'The file is empty.');
    const result = await withUploadedFile(request.body, declared, MAX_GPT_UPLOAD_BYTES, (file) =>
      // Named as uploaded, so each refused object reads "<file>: line 4" rather than the temporary file's name.
      importGptFiles(db, workspace.id, [name], { read: () => readGptFile(file) }),
    );
    return Response.json(
      {
        runId: result.runId,
        totals: result.totals,
        issueCount: result.issues.length,
        issues: result.issues.slice(0, MAX_ISSUES).map((i) => ({ id: i.id, field: i.field, reason: i.message })),
      },
      { status: 201 },
    );
  },
  { ws: 'exists-or-current', upload: true },
);
