// GET /api/packs/approval-policy[?ws=…] — the workspace's approval policy as a 6.03 pack.
// POST /api/packs/approval-policy[?ws=…&confirmWeaker=yes] — import a 6.03 pack (the file as the body, its name
// in X-Filename): it replaces the policy after validation, all or nothing, audited. Without ws: the current workspace.
import { formatUtc } from '@/lib/format.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { readBody } from '@/lib/http/route.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { packDownload, stamp } from '@/lib/packs/download.ts';
import { MAX_PACK_BYTES } from '@/lib/packs/upload.ts';
import { loadPolicy } from '@/lib/reviews/policy.ts';
import { exportPolicyPack } from '@/lib/reviews/policy-pack.ts';
import { importPolicyPack } from '@/lib/reviews/policy-service.ts';

export const dynamic = 'force-dynamic';

export const GET = withRoute(
  'reviews:read',
  async ({ db, workspace }) => {
    const policy = await loadPolicy(db, workspace.id);
    const now = new Date();
    const text = exportPolicyPack(policy, [
      `Workspace: ${workspace.name} (${workspace.id}), exported ${now.toISOString()}`,
      policy.source === 'saved'
        ? `Last changed ${formatUtc(policy.updatedAt)} by ${policy.updatedBy}`
        : 'The guide’s policy: not edited in Tollgate',
    ]);
    return packDownload(text, `tollgate-6.03-approval-policy-${workspace.id}-${stamp(now)}.jsonc`);
  },
  { ws: 'exists-or-current' },
);

export const POST = withRoute(
  'reviews:decide',
  async ({ actor, db, request, workspace, filename }) => {
    const name = filename('pack.jsonc').slice(0, 200);
    const tooLarge = new AppError(
      'too_large',
      `The pack is larger than ${MAX_PACK_BYTES / 1024} KB. Nothing was imported.`,
    );
    if (Number(request.headers.get('content-length') ?? 0) > MAX_PACK_BYTES) throw tooLarge;
    const body = await readBody(request, MAX_PACK_BYTES).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'too_large' ? tooLarge : error;
    });
    if (body.length === 0) throw new AppError('unprocessable', 'Choose a pack file (.jsonc or .json) to upload.');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new AppError('unprocessable', `${name}: not UTF-8 text. Nothing was imported.`);
    }
    const confirmWeaker = new URL(request.url).searchParams.get('confirmWeaker') === 'yes';
    const result = await importPolicyPack(db, actor, workspace.id, { filename: name, text, confirmWeaker });
    return Response.json({
      changed: result.changed,
      required: result.policy.required,
      logged: result.policy.logged,
      ...result.diff,
      departures: result.departures,
    });
  },
  { ws: 'exists-or-current' },
);
