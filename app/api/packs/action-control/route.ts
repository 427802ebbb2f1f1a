// GET /api/packs/action-control?ws=…&side=baseline|observed — connector action control as a 6.02 pack.
import { exportControlsPack } from '@/lib/action-control/pack.ts';
import { baselineControls, observedControls } from '@/lib/action-control/queries.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { packDownload, stamp } from '@/lib/packs/download.ts';

export const dynamic = 'force-dynamic';

export const GET = withRoute(
  'apps:read',
  async ({ db, request, workspace }) => {
    const side = new URL(request.url).searchParams.get('side') ?? 'baseline';
    if (side !== 'baseline' && side !== 'observed')
      throw new AppError('bad_request', 'side must be baseline or observed.');
    const controls =
      side === 'baseline' ? await baselineControls(db, workspace.id) : await observedControls(db, workspace.id);
    const now = new Date();
    const text = exportControlsPack(controls, [
      `Workspace: ${workspace.name} (${workspace.id}) — ${side}, exported ${now.toISOString()}`,
    ]);
    return packDownload(text, `tollgate-6.02-action-control-${workspace.id}-${side}-${stamp(now)}.jsonc`);
  },
  { ws: 'exists' },
);
