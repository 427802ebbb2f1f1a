// GET /api/attestations/:attestationId/evidence?ws=… — an attestation's evidence file, only ever as a download:
// never rendered by the browser whatever its content (octet-stream, attachment, nosniff).
import { attachmentDownload } from '@/lib/attachments/download.ts';
import { storedFile } from '@/lib/attachments/queries.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

type Params = { attestationId?: string };

export const GET = withRoute<Params, 'required'>(
  'posture:read',
  async ({ db, params, workspaceId }) => {
    if (!params.attestationId) throw new AppError('bad_request', 'Missing the attestation id.');
    const file = await storedFile(db, { home: 'attestation', workspaceId, id: params.attestationId });
    return attachmentDownload(file, 'evidence');
  },
  { ws: 'required' },
);
