// The role matrix (6.1) and connector action control (3.2, 6.2) as of the period's end, both sides (approved
// baseline and observed workspace), from their versions in RecordVersion (deleted rows leave a null version, so
// a role removed before asOf is absent and one removed later is shown). A baseline side never written falls
// back to the guide's defaults, as the application itself reads it; such rows say source "guide default".
import { defaultBaselineControls } from '@/lib/action-control/defaults.ts';
import { catalogueAt } from '@/lib/apps/queries.ts';
import type { Db } from '@/lib/db.ts';
import { columnsFromSpec, defaultBaselineRoles, type AgentRoleColumns } from '@/lib/roles/dimensions.ts';
import type { ControlSpec } from '@/lib/action-control/types.ts';
import { allVersions, cmp, strings, textOrNull } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

const SIDE_ORDER: Record<string, number> = { baseline: 0, observed: 1 };
const bySide = (a: { side: string }, b: { side: string }) =>
  (SIDE_ORDER[a.side] ?? 2) - (SIDE_ORDER[b.side] ?? 2) || cmp(a.side, b.side);

type RoleVersion = AgentRoleColumns & { side: string; updatedBy?: string };

function roleRow(
  side: string,
  r: AgentRoleColumns,
  meta: { source: string; updatedBy: string | null; stateSince: string | null },
) {
  return {
    side,
    name: r.name,
    description: r.description,
    groupName: r.groupName ?? null,
    use_agents: Boolean(r.useAgents),
    build_agents: Boolean(r.buildAgents),
    publish_agents: Boolean(r.publishAgents),
    publish_agents_with_shared_connections: Boolean(r.publishWithSharedConnections),
    enable_slack_bot: Boolean(r.enableSlackBot),
    ...meta,
  };
}

async function* roleRows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>> {
  const versions = await allVersions<RoleVersion>(db, ctx.workspaceId, 'agent_role', ctx.asOf);
  const rows = versions.map((v) =>
    roleRow(v.data.side, v.data, {
      source: 'recorded',
      updatedBy: textOrNull(v.data.updatedBy),
      stateSince: v.at.toISOString(),
    }),
  );
  if (!rows.some((r) => r.side === 'baseline')) {
    for (const spec of defaultBaselineRoles())
      rows.push(
        roleRow('baseline', columnsFromSpec(spec), { source: 'guide default', updatedBy: null, stateSince: null }),
      );
  }
  rows.sort((a, b) => bySide(a, b) || cmp(a.name.toLowerCase(), b.name.toLowerCase()) || cmp(a.name, b.name));
  yield* rows;
}

export const roleMatrixSet: EvidenceSetDef = {
  name: 'role-matrix',
  title: 'Agent role matrix',
  kind: 'state',
  controls: ['6.1'],
  columns: [
    'side',
    'name',
    'description',
    'groupName',
    'use_agents',
    'build_agents',
    'publish_agents',
    'publish_agents_with_shared_connections',
    'enable_slack_bot',
    'source',
    'updatedBy',
    'stateSince',
  ],
  note:
    'Agent roles with their five permission dimensions and IdP group, ' +
    'approved baseline and observed, each as its latest recorded version ' +
    'before the pack’s as-of instant (a baseline never edited is the guide’s default).',
  rows: roleRows,
};

type ControlVersion = ControlSpec & { side: string; updatedBy?: string };

function controlRow(
  side: string,
  c: ControlSpec,
  meta: { source: string; updatedBy: string | null; stateSince: string | null },
) {
  return {
    side,
    appId: c.appId,
    enabled: Boolean(c.enabled),
    mode: c.mode,
    allowedActions: strings(c.allowedActions),
    deniedActions: strings(c.deniedActions),
    newActionsDefault: c.newActionsDefault,
    ...meta,
  };
}

async function* controlRows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>> {
  const versions = await allVersions<ControlVersion>(db, ctx.workspaceId, 'action_control', ctx.asOf);
  const rows = versions.map((v) =>
    controlRow(v.data.side, v.data, {
      source: 'recorded',
      updatedBy: textOrNull(v.data.updatedBy),
      stateSince: v.at.toISOString(),
    }),
  );
  if (!rows.some((r) => r.side === 'baseline')) {
    // The defaults resolve against the app catalogue in force then (the last version before asOf).
    const catalogue = await catalogueAt(db, ctx.workspaceId, new Date(ctx.asOf.getTime() - 1));
    for (const spec of defaultBaselineControls(catalogue))
      rows.push(controlRow('baseline', spec, { source: 'guide default', updatedBy: null, stateSince: null }));
  }
  rows.sort((a, b) => bySide(a, b) || cmp(a.appId, b.appId));
  yield* rows;
}

export const actionControlsSet: EvidenceSetDef = {
  name: 'action-controls',
  title: 'Connector action control',
  kind: 'state',
  controls: ['3.2', '6.2'],
  columns: [
    'side',
    'appId',
    'enabled',
    'mode',
    'allowedActions',
    'deniedActions',
    'newActionsDefault',
    'source',
    'updatedBy',
    'stateSince',
  ],
  note:
    'Per app: enabled, allow_all / read_only / custom with the allowed and ' +
    'denied actions, and the default for new actions, baseline and observed, ' +
    'each as its latest recorded version before the pack’s as-of instant (a ' +
    'baseline never edited is the guide’s default).',
  rows: controlRows,
};
