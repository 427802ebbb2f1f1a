// GET /api/packs/action-control?ws=…&side=baseline|observed — connector action control as a 6.02 pack.
import { authorize } from '../../../../lib/auth/authorize.ts';
import { exportControlsPack } from '../../../../lib/action-control/pack.ts';
import { baselineControls, observedControls } from '../../../../lib/action-control/queries.ts';
import { db } from '../../../../lib/db.ts';
import { AppError } from '../../../../lib/http/app-error.ts';
import { errorResponse } from '../../../../lib/http/route.ts';
import { packDownload, stamp } from '../../../../lib/packs/download.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  try {
    await authorize('apps:read');
    const params = new URL(request.url).searchParams;
    const workspace = await db().workspace.findUnique({ where: { id: params.get('ws') ?? '' }, select: { id: true, name: true } });
    if (!workspace) throw new AppError('not_found', 'No such workspace.');
    const side = params.get('side') ?? 'baseline';
    if (side !== 'baseline' && side !== 'observed') throw new AppError('bad_request', 'side must be baseline or observed.');
    const controls = side === 'baseline' ? await baselineControls(db(), workspace.id) : await observedControls(db(), workspace.id);
    const now = new Date();
    const text = exportControlsPack(controls, [`Workspace: ${workspace.name} (${workspace.id}) — ${side}, exported ${now.toISOString()}`]);
    return packDownload(text, `tollgate-6.02-action-control-${workspace.id}-${side}-${stamp(now)}.jsonc`);
  } catch (error) {
    return errorResponse(error);
  }
}
