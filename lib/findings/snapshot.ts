// Reads one workspace's roster, role matrix, action controls and exceptions into the pure snapshot that
// evaluateFindings judges. The baselines come from lib/roles and lib/action-control, which give the guide's
// default when the workspace has no baseline rows.
import type { Db, Tx } from '@/lib/db.ts';
import { baselineControls, observedControls } from '@/lib/action-control/queries.ts';
import type { ControlSpec } from '@/lib/action-control/types.ts';
import type { RoleSpec } from '@/lib/roles/dimensions.ts';
import { pendingCampaignChanges } from '@/lib/campaigns/queries.ts';
import { baselineRoles, observedRoles } from '@/lib/roles/queries.ts';
import { loadGptSnapshot } from './gpt-snapshot.ts';
import type { FindingsSnapshot, SnapshotActionControl, SnapshotRole } from './types.ts';

type Reader = Db | Tx;

export function toSnapshotRole(r: RoleSpec): SnapshotRole {
  return { name: r.name, groupName: r.groupName, ...r.permissions };
}

export function toSnapshotControl(c: ControlSpec): SnapshotActionControl {
  return {
    appId: c.appId,
    enabled: c.enabled,
    mode: c.mode,
    allowedActions: c.allowedActions,
    deniedActions: c.deniedActions,
    newActionsDefault: c.newActionsDefault,
  };
}

export async function loadFindingsSnapshot(db: Reader, workspaceId: string, now: Date): Promise<FindingsSnapshot> {
  const [members, groups, baseRoles, obsRoles, baseControls, obsControls, exceptions] = await Promise.all([
    db.member.findMany({
      where: { workspaceId },
      orderBy: { email: 'asc' },
      select: {
        id: true,
        email: true,
        name: true,
        workspaceRole: true,
        status: true,
        directAgentRoles: true,
        attestedAt: true,
        groups: { select: { group: { select: { displayName: true } } } },
      },
    }),
    db.group.findMany({
      where: { workspaceId },
      orderBy: { displayName: 'asc' },
      select: { id: true, displayName: true, source: true },
    }),
    baselineRoles(db, workspaceId),
    observedRoles(db, workspaceId),
    baselineControls(db, workspaceId),
    observedControls(db, workspaceId),
    db.exception.findMany({
      where: { workspaceId },
      select: { id: true, status: true, reviewAt: true, scopeKind: true, scope: true, findingKeys: true },
    }),
  ]);
  return {
    workspaceId,
    members: members.map((m) => ({
      id: m.id,
      email: m.email,
      name: m.name,
      workspaceRole: m.workspaceRole,
      status: m.status,
      directAgentRoles: m.directAgentRoles,
      attestedAt: m.attestedAt,
      groups: m.groups.map((g) => g.group.displayName).sort(),
    })),
    groups,
    baselineRoles: baseRoles.map(toSnapshotRole),
    observedRoles: obsRoles.map(toSnapshotRole),
    baselineControls: baseControls.map(toSnapshotControl),
    observedControls: obsControls.map(toSnapshotControl),
    exceptions,
    // Access-review revocations still to be seen in the data (lib/findings/campaign.ts).
    campaignChanges: await pendingCampaignChanges(db, workspaceId),
    gpts: await loadGptSnapshot(db, workspaceId),
    now,
  };
}
