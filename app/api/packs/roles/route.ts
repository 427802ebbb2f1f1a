// GET /api/packs/roles?ws=…&side=baseline|observed — the agent roles as a 6.01 pack (five dimensions).
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { packDownload, stamp } from '@/lib/packs/download.ts';
import { exportRolesPack } from '@/lib/roles/pack.ts';
import { baselineRoles, observedRoles } from '@/lib/roles/queries.ts';

export const dynamic = 'force-dynamic';

export const GET = withRoute(
  'roles:read',
  async ({ db, request, workspace }) => {
    const side = new URL(request.url).searchParams.get('side') ?? 'baseline';
    if (side !== 'baseline' && side !== 'observed')
      throw new AppError('bad_request', 'side must be baseline or observed.');
    const roles = side === 'baseline' ? await baselineRoles(db, workspace.id) : await observedRoles(db, workspace.id);
    const now = new Date();
    const text = exportRolesPack(roles, [
      `Workspace: ${workspace.name} (${workspace.id}) — ${side}, exported ${now.toISOString()}`,
    ]);
    return packDownload(text, `tollgate-6.01-roles-${workspace.id}-${side}-${stamp(now)}.jsonc`);
  },
  { ws: 'exists' },
);
