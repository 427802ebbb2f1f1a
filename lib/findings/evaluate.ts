// Findings (pure): the observed workspace against its approved baseline and the guide (1.4, 3.2, 6.1, 6.2).
// Every departure is produced whether or not an exception covers it: "excepted" is derived on read
// (lib/findings/status.ts), so a finding is open again at its exception's review instant with no job.
// Only active members count. Keys are kind + subject (+ detail) and never contain counts or times.
import {
  AGENT_BITS,
  type AgentBit,
  type FindingDraft,
  type FindingsSnapshot,
  type SnapshotActionControl,
  type SnapshotMember,
  type SnapshotRole,
} from './types.ts';
import { campaignFindings } from './campaign.ts';
import { gptFindingDrafts } from './gpt.ts';

const DAY_MS = 86_400_000;
export const ATTESTATION_DAYS = 90;
export const MAX_OWNERS = 2;
export const SHARED_BIT: AgentBit = 'publish_agents_with_shared_connections';

/** A setting of an app the baseline does not list: the guide's posture for any app (6.2). */
const UNLISTED_APP: Omit<SnapshotActionControl, 'appId'> = {
  enabled: false,
  mode: 'read_only',
  allowedActions: [],
  deniedActions: [],
  newActionsDefault: 'deny',
};

const bitsOf = (r: SnapshotRole) => AGENT_BITS.filter((b) => r[b]);
const list = (xs: string[]) => xs.join(', ');
const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

export function evaluateFindings(s: FindingsSnapshot): FindingDraft[] {
  return [
    ...roleFindings(s),
    ...memberFindings(s),
    ...ownerFindings(s),
    ...actionControlFindings(s),
    ...campaignFindings(s.campaignChanges ?? []),
    ...gptFindingDrafts(s.gpts, s.members, s.now),
  ].sort((a, b) => a.key.localeCompare(b.key));
}

function roleFindings(s: FindingsSnapshot): FindingDraft[] {
  const out: FindingDraft[] = [];
  const observed = new Map(s.observedRoles.map((r) => [r.name, r]));
  const baseline = new Map(s.baselineRoles.map((r) => [r.name, r]));
  const groupNames = new Set(s.groups.map((g) => g.displayName));

  // Nothing observed yet (no export or pack imported): Tollgate cannot say a role is missing.
  if (s.observedRoles.length > 0) {
    for (const b of s.baselineRoles) {
      if (observed.has(b.name)) continue;
      out.push({
        key: `role-missing:${b.name}`,
        control: '6.1',
        kind: 'role-missing',
        subjectType: 'role',
        subjectId: b.name,
        subjectLabel: b.name,
        message:
          `The role ${b.name} is in the baseline but not in the workspace. Create ` +
          `it in Workspace settings → Members → Roles with ` +
          `${list(bitsOf(b)) || 'no agent permissions'}, mapped to its IdP group.`,
        cause: { roles: [b.name], bits: bitsOf(b), baseline: bitsOf(b) },
      });
    }
  }

  for (const o of s.observedRoles) {
    const b = baseline.get(o.name);
    const held = bitsOf(o);
    if (!b) {
      if (held.length === 0) continue;
      out.push({
        key: `role-not-in-baseline:${o.name}`,
        control: '6.1',
        kind: 'role-not-in-baseline',
        subjectType: 'role',
        subjectId: o.name,
        subjectLabel: o.name,
        message:
          `The role ${o.name} holds agent permissions (${list(held)}) but is not ` +
          `in the baseline. Remove its agent permissions, or add it to the baseline if it was approved.`,
        cause: { roles: [o.name], bits: held, groups: o.groupName ? [o.groupName] : [] },
      });
    } else {
      for (const bit of AGENT_BITS) {
        if (o[bit] && !b[bit]) {
          out.push({
            key: `role-bit-beyond-baseline:${o.name}:${bit}`,
            control: '6.1',
            kind: 'role-bit-beyond-baseline',
            subjectType: 'role',
            subjectId: o.name,
            subjectLabel: o.name,
            message:
              `The role ${o.name} holds ${bit}, which the baseline withholds. Turn it ` +
              `off for the role in Workspace settings → Members → Roles.`,
            cause: { roles: [o.name], bits: [bit], field: bit, observed: true, baseline: false },
          });
        } else if (!o[bit] && b[bit]) {
          out.push({
            key: `role-drift:${o.name}:${bit}`,
            control: '6.1',
            kind: 'role-drift',
            subjectType: 'role',
            subjectId: o.name,
            subjectLabel: o.name,
            message:
              `The role ${o.name} lacks ${bit}, which the baseline grants. Turn it on ` +
              `for the role, or change the baseline.`,
            cause: { roles: [o.name], bits: [bit], field: bit, observed: false, baseline: true },
          });
        }
      }
      if (b.groupName && o.groupName && b.groupName !== o.groupName) {
        out.push({
          key: `role-drift:${o.name}:group`,
          control: '6.1',
          kind: 'role-drift',
          subjectType: 'role',
          subjectId: o.name,
          subjectLabel: o.name,
          message:
            `The role ${o.name} is mapped to the group ${o.groupName}; the baseline ` +
            `maps it to ${b.groupName}. Map it to ${b.groupName}, or change the baseline.`,
          cause: {
            roles: [o.name],
            groups: [o.groupName, b.groupName],
            field: 'group',
            observed: o.groupName,
            baseline: b.groupName,
          },
        });
      }
    }
    // 6.1: each role holding agent privileges is mapped to an IdP group (checked against the roster once there is one).
    const missingGroup = o.groupName !== null && groupNames.size > 0 && !groupNames.has(o.groupName);
    if (held.length > 0 && (o.groupName === null || missingGroup)) {
      out.push({
        key: `role-unmapped:${o.name}`,
        control: '6.1',
        kind: 'role-unmapped',
        subjectType: 'role',
        subjectId: o.name,
        subjectLabel: o.name,
        message:
          o.groupName === null
            ? `The role ${o.name} holds agent permissions but is mapped to no IdP ` +
              `group. Map it to a SCIM-provisioned group so that access follows the IdP.`
            : `The role ${o.name} is mapped to the group ${o.groupName}, which the IdP ` +
              `does not provision. Map it to a SCIM-provisioned group.`,
        cause: { roles: [o.name], bits: held, groups: o.groupName ? [o.groupName] : [] },
      });
    }
  }
  return out;
}

type Holding = { role: string; via: 'group' | 'direct'; group?: string };

/** The observed roles an active member holds, and how (through a mapped group, or assigned directly). */
export function holdingsOf(m: SnapshotMember, observedRoles: SnapshotRole[]): Holding[] {
  const groups = new Set(m.groups);
  const out: Holding[] = [];
  for (const r of observedRoles)
    if (r.groupName && groups.has(r.groupName)) out.push({ role: r.name, via: 'group', group: r.groupName });
  for (const name of m.directAgentRoles) out.push({ role: name, via: 'direct' });
  return out;
}

function memberFindings(s: FindingsSnapshot): FindingDraft[] {
  const out: FindingDraft[] = [];
  const roles = new Map(s.observedRoles.map((r) => [r.name, r]));
  for (const m of s.members) {
    if (m.status !== 'active') continue;
    const who = { id: m.id, email: m.email };
    const holdings = holdingsOf(m, s.observedRoles);
    // A directly assigned role the workspace does not list still names agent access: count it as privileged.
    const bitsVia = (h: Holding) => {
      const r = roles.get(h.role);
      return r ? bitsOf(r) : h.via === 'direct' ? ['unknown'] : [];
    };

    for (const h of holdings.filter((x) => x.via === 'direct')) {
      out.push({
        key: `direct-assignment:${m.email}:${h.role}`,
        control: '6.1',
        kind: 'direct-assignment',
        subjectType: 'member',
        subjectId: m.id,
        subjectLabel: m.email,
        message:
          `${m.email} is assigned the role ${h.role} directly. Remove the direct ` +
          `assignment and grant it through the role's SCIM-provisioned group.`,
        cause: { members: [who], roles: [h.role] },
      });
    }

    const privileged = holdings.filter((h) => bitsVia(h).length > 0);
    if (privileged.length > 0 && !privileged.some((h) => h.via === 'group')) {
      out.push({
        key: `unmapped-privileges:${m.email}`,
        control: '6.1',
        kind: 'unmapped-privileges',
        subjectType: 'member',
        subjectId: m.id,
        subjectLabel: m.email,
        message:
          `${m.email} holds agent permissions through no mapped group (roles ` +
          `${list(privileged.map((h) => h.role))}); leaving an IdP group would not ` +
          `remove them. Add the person to the role's group or remove the access.`,
        cause: { members: [who], roles: privileged.map((h) => h.role) },
      });
    }

    const shared = holdings.filter((h) => roles.get(h.role)?.[SHARED_BIT]);
    if (shared.length > 0) {
      const through = shared.map((h) =>
        h.via === 'group' ? `${h.role} via ${h.group}` : `${h.role}, assigned directly`,
      );
      out.push({
        key: `shared-connections:${m.email}`,
        control: '6.1',
        kind: 'shared-connections',
        subjectType: 'member',
        subjectId: m.id,
        subjectLabel: m.email,
        message:
          `${m.email} can publish agents with shared connections (through ${list(through)}). ` +
          `Withdraw it, or cover it with an approved exception naming this person.`,
        cause: {
          members: [who],
          roles: shared.map((h) => h.role),
          groups: shared.flatMap((h) => (h.group ? [h.group] : [])),
          bits: [SHARED_BIT],
        },
      });
    }
  }
  return out;
}

function ownerFindings(s: FindingsSnapshot): FindingDraft[] {
  const out: FindingDraft[] = [];
  const active = s.members.filter((m) => m.status === 'active');
  const owners = active.filter((m) => m.workspaceRole === 'owner');
  if (owners.length > MAX_OWNERS) {
    out.push({
      key: 'owners-over-limit',
      control: '1.4',
      kind: 'owners-over-limit',
      subjectType: 'workspace',
      subjectId: s.workspaceId,
      subjectLabel: 'Workspace owners',
      message:
        `The workspace has ${owners.length} owners; the guide allows at most ` +
        `${MAX_OWNERS}. Make the others admins or members.`,
      cause: { members: owners.map((m) => ({ id: m.id, email: m.email })) },
    });
  }
  const since = s.now.getTime() - ATTESTATION_DAYS * DAY_MS;
  for (const m of active) {
    if (m.workspaceRole !== 'owner' && m.workspaceRole !== 'admin') continue;
    if (m.attestedAt && m.attestedAt.getTime() > since) continue;
    out.push({
      key: `attestation-overdue:${m.email}`,
      control: '1.4',
      kind: 'attestation-overdue',
      subjectType: 'member',
      subjectId: m.id,
      subjectLabel: m.email,
      message: m.attestedAt
        ? `${m.email} (${m.workspaceRole}) was last re-attested more than ` +
          `${ATTESTATION_DAYS} days ago. Re-attest that the role is still needed, ` +
          `or reduce it to member.`
        : `${m.email} (${m.workspaceRole}) has never been re-attested. Re-attest ` +
          `that the role is still needed, or reduce it to member.`,
      cause: {
        members: [{ id: m.id, email: m.email }],
        field: 'attestedAt',
        observed: m.attestedAt?.toISOString() ?? null,
        workspaceRole: m.workspaceRole,
      },
    });
  }
  return out;
}

function actionControlFindings(s: FindingsSnapshot): FindingDraft[] {
  const out: FindingDraft[] = [];
  const baseline = new Map(s.baselineControls.map((c) => [c.appId, c]));
  for (const o of s.observedControls) {
    const b = baseline.get(o.appId) ?? { ...UNLISTED_APP, appId: o.appId };
    const app = o.appId;
    const base = { subjectType: 'app' as const, subjectId: app, subjectLabel: app };
    if (o.mode === 'allow_all') {
      out.push({
        ...base,
        key: `allow-all:${app}`,
        control: '6.2',
        kind: 'allow-all',
        message:
          `${app} allows all actions. Set its action control to read_only (or ` +
          `custom with a CAB-approved exception): never allow_all on a workspace that hosts agents.`,
        cause: {
          controls: ['6.2', '3.2'],
          apps: [app],
          field: 'action_control',
          observed: o.mode,
          baseline: b.mode,
          enabled: o.enabled,
        },
      });
    } else if (o.mode === 'custom' && o.enabled) {
      out.push({
        ...base,
        key: `action-custom:${app}`,
        control: '6.2',
        kind: 'action-custom',
        message:
          `${app} uses custom action control (allows ` +
          `${list(o.allowedActions) || 'no listed action'}). Custom needs an ` +
          `approved exception with a business case and a review date; otherwise set it to read_only.`,
        cause: {
          apps: [app],
          field: 'action_control',
          observed: o.mode,
          allowedActions: o.allowedActions,
          deniedActions: o.deniedActions,
        },
      });
    }
    if (o.newActionsDefault !== 'deny') {
      out.push({
        ...base,
        key: `new-actions-allow:${app}`,
        control: '6.2',
        kind: 'new-actions-allow',
        message: `${app} lets newly added actions through (${o.newActionsDefault}). Set "Newly added actions" to deny.`,
        cause: {
          apps: [app],
          field: 'new_actions_default',
          observed: o.newActionsDefault,
          baseline: b.newActionsDefault,
        },
      });
    }
    // Drift: what the specific findings above do not already say.
    const drift = (field: string, observed: unknown, baselineValue: unknown, message: string) =>
      out.push({
        ...base,
        key: `action-drift:${app}:${field}`,
        control: '6.2',
        kind: 'action-drift',
        message,
        cause: { apps: [app], field, observed, baseline: baselineValue },
      });
    if (o.enabled !== b.enabled) {
      drift(
        'enabled',
        o.enabled,
        b.enabled,
        o.enabled
          ? `${app} is enabled; the baseline has it disabled. Disable it, or approve it in the baseline.`
          : `${app} is disabled; the baseline has it enabled. Enable it, or change the baseline.`,
      );
    }
    const modeSaid = o.mode === 'allow_all' || (o.mode === 'custom' && o.enabled);
    if (o.mode !== b.mode && !modeSaid) {
      drift(
        'action_control',
        o.mode,
        b.mode,
        `${app} is set to ${o.mode}; the baseline says ${b.mode}. Set it to ${b.mode}, or change the baseline.`,
      );
    }
    if (
      o.mode === 'custom' &&
      b.mode === 'custom' &&
      (!sameSet(o.allowedActions, b.allowedActions) || !sameSet(o.deniedActions, b.deniedActions))
    ) {
      const extra = o.allowedActions.filter((a) => !b.allowedActions.includes(a));
      const undenied = b.deniedActions.filter((a) => !o.deniedActions.includes(a));
      const also = extra.length ? ` (also allows ${list(extra)})` : '';
      const noLonger = undenied.length ? ` (no longer denies ${list(undenied)})` : '';
      out.push({
        ...base,
        key: `action-drift:${app}:actions`,
        control: '6.2',
        kind: 'action-drift',
        message:
          `${app}'s allowed and denied actions differ from the baseline${also}${noLonger}. ` +
          `Match the baseline, or change it.`,
        cause: {
          apps: [app],
          field: 'actions',
          observed: { allowed: o.allowedActions, denied: o.deniedActions },
          baseline: { allowed: b.allowedActions, denied: b.deniedActions },
        },
      });
    }
    if (o.newActionsDefault === 'deny' && b.newActionsDefault !== 'deny') {
      drift(
        'new_actions_default',
        o.newActionsDefault,
        b.newActionsDefault,
        `${app} denies newly added actions; the baseline says ` +
          `${b.newActionsDefault}. Stricter than approved: change the baseline to deny.`,
      );
    }
  }
  return out;
}
