// The suspension runbook (guide 6.5): its settings (who may suspend, what triggers it, who is notified,
// the drill's test agent), the runbook text generated from them, and the quarterly drill: scheduled ahead,
// run as a suspension of kind 'drill', timed against the 15-minute target.
import type { Db, Tx } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { diffRecords } from '@/lib/audit/redact.ts';
import { formatUtc } from '@/lib/format.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { EVIDENCE_RUNS } from './evidence.ts';
import { suspendInTx, type Recipient } from './service.ts';
import { suspensionTimings, TARGET_MINUTES, type Timings } from './timings.ts';

const DAY = 86_400_000;
export const DRILL_WINDOW_DAYS = 90;
export const CONSOLE_URL = 'https://chatgpt.com/admin';
const MAX_TRIGGERS = 20;
const MAX_LINE = 300;

export type RunbookSettingsRow = {
  workspaceId: string;
  authority: string;
  triggers: string[];
  agentsAdminChannel: string | null;
  grcOnCall: string | null;
  incidentCommander: string | null;
  drillAgentId: string | null;
  updatedBy: string;
  updatedAt: Date;
};

/** What the guide recommends (6.5 step 1), offered in the form until an admin saves the runbook. */
export const GUIDE_DEFAULTS = {
  authority: 'Anyone in the agents-admin role plus the security incident commander',
  triggers: [
    'Trifecta detection (6.4)',
    'Sigma alert on suspension by an unexpected admin',
    'Anomalous Compliance API event',
  ],
};

export type RunbookInput = {
  authority?: unknown;
  triggers?: unknown;
  agentsAdminChannel?: unknown;
  grcOnCall?: unknown;
  incidentCommander?: unknown;
  drillAgentId?: unknown;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CHANNEL = /^#[\p{L}\p{N}._-]{1,80}$/u;

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function contact(value: unknown, label: string): string | null {
  const v = str(value);
  if (!v) return null;
  if (!EMAIL.test(v) && !CHANNEL.test(v))
    throw new AppError(
      'unprocessable',
      `${label} must be an e-mail address or a channel name starting with # (not "${v.slice(0, 80)}").`,
    );
  return v;
}

/**
 * Validates the settings form: authority required; triggers one per line, at least one; contacts e-mails or #channels.
 */
export function parseRunbook(input: RunbookInput) {
  const authority = str(input.authority);
  if (!authority)
    throw new AppError('unprocessable', 'Say who may suspend an agent (the suspension authority is required).');
  if (authority.length > 500)
    throw new AppError('unprocessable', 'The suspension authority is too long (at most 500 characters).');
  const triggers = (Array.isArray(input.triggers) ? input.triggers.map(str) : str(input.triggers).split(/\r?\n/))
    .map((l) => l.trim())
    .filter(Boolean);
  if (triggers.length === 0) throw new AppError('unprocessable', 'Name at least one triggering signal (one per line).');
  if (triggers.length > MAX_TRIGGERS)
    throw new AppError('unprocessable', `At most ${MAX_TRIGGERS} triggering signals.`);
  const long = triggers.find((t) => t.length > MAX_LINE);
  if (long)
    throw new AppError(
      'unprocessable',
      `A triggering signal is too long (at most ${MAX_LINE} characters): "${long.slice(0, 40)}…".`,
    );
  return {
    authority,
    triggers,
    agentsAdminChannel: contact(input.agentsAdminChannel, 'The agents-admin channel'),
    grcOnCall: contact(input.grcOnCall, 'GRC on-call'),
    incidentCommander: contact(input.incidentCommander, 'The incident commander'),
    drillAgentId: str(input.drillAgentId) || null,
  };
}

export async function getRunbookSettings(db: Db, workspaceId: string): Promise<RunbookSettingsRow | null> {
  return db.runbookSettings.findUnique({ where: { workspaceId } });
}

export async function saveRunbookSettings(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: RunbookInput,
  now = new Date(),
) {
  const data = parseRunbook(input);
  await db.$transaction(async (tx) => {
    if (!(await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
      throw new AppError('not_found', `No workspace ${workspaceId}.`);
    if (data.drillAgentId) {
      const agent = await tx.agent.findFirst({
        where: { id: data.drillAgentId, workspaceId },
        select: { status: true, name: true },
      });
      if (!agent) throw new AppError('unprocessable', 'The drill test agent is not an agent of this workspace.');
      if (agent.status === 'deleted')
        throw new AppError('unprocessable', `${agent.name} is deleted: choose another drill test agent.`);
    }
    const before = await tx.runbookSettings.findUnique({ where: { workspaceId } });
    const row = { ...data, updatedBy: actor.label, updatedAt: now };
    await tx.runbookSettings.upsert({ where: { workspaceId }, create: { workspaceId, ...row }, update: row });
    await recordAudit(tx, actor, {
      action: 'runbook.update',
      targetType: 'runbook_settings',
      targetId: workspaceId,
      workspaceId,
      at: now,
      diff: diffRecords(before ? pick(before) : null, data),
    });
  });
}

function pick(s: RunbookSettingsRow) {
  return {
    authority: s.authority,
    triggers: s.triggers,
    agentsAdminChannel: s.agentsAdminChannel,
    grcOnCall: s.grcOnCall,
    incidentCommander: s.incidentCommander,
    drillAgentId: s.drillAgentId,
  };
}

/** The admin-console steps (guide 6.5, the suspend-agent code pack), then the confirmation here. */
export function consoleSteps(externalId: string): string[] {
  return [
    `Sign in to ${CONSOLE_URL}`,
    'Global Admin Console → Agents',
    `Locate agent ID: ${externalId}`,
    'Click Suspend',
    'Record the suspension in your incident ticket',
    'In Tollgate, press “Confirm suspended in console” on the suspension’s page',
  ];
}

/** Reversing it: the same console page, then the restore here with its reason. */
export function restoreSteps(externalId: string): string[] {
  return [
    `Sign in to ${CONSOLE_URL}`,
    'Global Admin Console → Agents',
    `Locate agent ID: ${externalId} and reverse the suspension`,
    'Confirm the agent resumes correctly (run it once)',
    'In Tollgate, restore it on the suspension’s page with the reason',
  ];
}

export const EVIDENCE_ITEMS = [
  'Agent ID (the platform’s), name and owner',
  'Connected apps, and each connector with its settings (allowed tools, approvals, authentication)',
  `Last ${EVIDENCE_RUNS} runs from the ingested Compliance Logs (or a record that none were ingested)`,
  'Configuration hash and version, and a snapshot of the agent record including its status (the restore puts it back)',
  'Its SHA-256; the record is append-only. The builder configuration ' +
    'screenshot the guide asks for is taken in the console and attached to the incident ticket.',
];

const ROLE_LABELS: Record<Recipient['role'], string> = {
  owner: 'Agent owner',
  agents_admin: 'Agents-admin channel',
  grc_on_call: 'GRC on-call',
  incident_commander: 'Security incident commander',
};

export type RunbookSection = { id: string; title: string; items: string[] };

/** The runbook as sections, from the settings (null until an admin saves them). */
export function runbookSections(
  s: RunbookSettingsRow | null,
  drillAgent: { name: string; externalId: string } | null,
): RunbookSection[] {
  const unset = 'not set';
  return [
    { id: 'authority', title: '1. Suspension authority', items: [s?.authority ?? unset] },
    { id: 'triggers', title: '2. Triggering signals', items: s?.triggers.length ? s.triggers : [unset] },
    {
      id: 'evidence',
      title: '3. Evidence captured before suspension (by Tollgate, automatically)',
      items: EVIDENCE_ITEMS,
    },
    {
      id: 'notify',
      title: '4. Notification list (an alert in the Tollgate inbox and the outgoing webhook, naming each)',
      items: [
        `${ROLE_LABELS.owner}: the owner on the agent record`,
        `${ROLE_LABELS.agents_admin}: ${s?.agentsAdminChannel ?? unset}`,
        `${ROLE_LABELS.grc_on_call}: ${s?.grcOnCall ?? unset}`,
        `${ROLE_LABELS.incident_commander}: ${s?.incidentCommander ?? unset}`,
      ],
    },
    { id: 'console', title: '5. Suspend in the admin console', items: consoleSteps('<agent ID>') },
    { id: 'restore', title: '6. Reverse the suspension', items: restoreSteps('<agent ID>') },
    {
      id: 'drill',
      title: '7. Drill (quarterly)',
      items: [
        `Suspend the non-production test agent: ` +
          `${drillAgent ? `${drillAgent.name} (${drillAgent.externalId})` : unset}`,
        `Time the full cycle (trigger → evidence captured → confirmed in ` +
          `console); target under ${TARGET_MINUTES} minutes`,
        'Restore the agent and confirm it resumes correctly',
      ],
    },
  ];
}

/** The same runbook as plain text (to paste into a ticket or wiki). */
export function runbookText(
  s: RunbookSettingsRow | null,
  drillAgent: { name: string; externalId: string } | null,
): string {
  const head =
    `Agent suspension runbook (guide ` +
    `6.5)${s ? ` — last updated ${formatUtc(s.updatedAt)} by ${s.updatedBy}` : ''}`;
  return [
    head,
    ...runbookSections(s, drillAgent).map((sec) => `\n${sec.title}\n${sec.items.map((i) => `  - ${i}`).join('\n')}`),
  ].join('\n');
}

export type DrillRow = {
  id: string;
  triggeredAt: Date | null;
  evidenceAt: Date | null;
  confirmedAt: Date | null;
  restoredAt: Date | null;
  restoreWorked: boolean | null;
  scheduledFor: Date | null;
};

export type DrillStatus<T extends DrillRow> = {
  last: T | null;
  timings: Timings | null;
  inWindow: boolean;
  metTarget: boolean | null;
  since: Date;
  nextScheduled: T | null;
};

/**
 * The last drill run, whether one ran within the last 90 days (UTC days, today included), and whether it met 15
 * minutes.
 */
export function drillStatus<T extends DrillRow>(drills: T[], now: Date): DrillStatus<T> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - DRILL_WINDOW_DAYS * DAY);
  const ran = drills.filter((d) => d.triggeredAt).sort((a, b) => b.triggeredAt!.getTime() - a.triggeredAt!.getTime());
  const pending = drills
    .filter((d) => !d.triggeredAt && d.scheduledFor)
    .sort((a, b) => a.scheduledFor!.getTime() - b.scheduledFor!.getTime());
  const last = ran[0] ?? null;
  const timings = last ? suspensionTimings(last, now) : null;
  return {
    last,
    timings,
    inWindow: Boolean(last && last.triggeredAt!.getTime() >= since.getTime()),
    metTarget: timings ? (timings.verdict === 'met' ? true : timings.verdict === 'missed' ? false : null) : null,
    since,
    nextScheduled: pending[0] ?? null,
  };
}

export const DEFAULT_DRILL_REASON =
  `Runbook drill (guide 6.5): suspend the non-production test agent, time ` +
  `the cycle against ${TARGET_MINUTES} minutes, restore it`;

/** Schedules a drill of the configured test agent at `at`; it is started from its page at or after that time. */
export async function scheduleDrill(
  db: Db,
  actor: Actor,
  input: { workspaceId: string; at: Date; reason?: string },
  now = new Date(),
): Promise<{ id: string }> {
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime()))
    throw new AppError('unprocessable', 'The drill time is not a valid date and time.');
  if (input.at.getTime() < now.getTime() - 60_000)
    throw new AppError('unprocessable', `The drill time ${formatUtc(input.at)} is in the past.`);
  const reason = str(input.reason) || DEFAULT_DRILL_REASON;
  return db.$transaction(async (tx) => {
    const agent = await drillAgent(tx, input.workspaceId);
    const pending = await tx.suspension.findFirst({
      where: { workspaceId: input.workspaceId, kind: 'drill', triggeredAt: null },
      select: { scheduledFor: true, triggeredBy: true },
    });
    if (pending)
      throw new AppError(
        'conflict',
        `A drill is already scheduled for ${formatUtc(pending.scheduledFor)} (by ` +
          `${pending.triggeredBy}): run it first.`,
      );
    const { id } = await tx.suspension.create({
      data: {
        workspaceId: input.workspaceId,
        agentId: agent.id,
        externalId: agent.externalId,
        kind: 'drill',
        reason,
        triggeredBy: actor.label,
        triggeredById: actor.id,
        scheduledFor: input.at,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: 'drill.schedule',
      targetType: 'suspension',
      targetId: id,
      workspaceId: input.workspaceId,
      at: now,
      diff: { agentId: agent.externalId, name: agent.name, scheduledFor: input.at.toISOString(), reason },
    });
    return { id };
  });
}

/** Runs a drill now: a scheduled one (`suspensionId`, at or after its time) or an unscheduled one of the test agent. */
export async function runDrill(
  db: Db,
  actor: Actor,
  input: { workspaceId: string; suspensionId?: string; reason?: string },
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    if (input.suspensionId) {
      await tx.$queryRaw`SELECT id FROM "Suspension" WHERE id = ${input.suspensionId} FOR UPDATE`;
      const s = await tx.suspension.findFirst({ where: { id: input.suspensionId, workspaceId: input.workspaceId } });
      if (s?.kind !== 'drill') throw new AppError('not_found', 'No such drill in this workspace.');
      if (s.triggeredAt)
        throw new AppError(
          'conflict',
          `This drill already ran: ${s.triggeredBy} started it at ${formatUtc(s.triggeredAt)}.`,
        );
      if (s.scheduledFor && now.getTime() < s.scheduledFor.getTime())
        throw new AppError('conflict', `This drill is scheduled for ${formatUtc(s.scheduledFor)}: start it then.`);
      return suspendInTx(
        tx,
        actor,
        {
          workspaceId: input.workspaceId,
          agentId: s.agentId,
          reason: str(input.reason) || s.reason,
          kind: 'drill',
          scheduledId: s.id,
        },
        now,
      );
    }
    const agent = await drillAgent(tx, input.workspaceId);
    return suspendInTx(
      tx,
      actor,
      {
        workspaceId: input.workspaceId,
        agentId: agent.id,
        reason: str(input.reason) || DEFAULT_DRILL_REASON,
        kind: 'drill',
      },
      now,
    );
  });
}

async function drillAgent(tx: Tx, workspaceId: string) {
  const settings = await tx.runbookSettings.findUnique({ where: { workspaceId }, select: { drillAgentId: true } });
  if (!settings?.drillAgentId)
    throw new AppError(
      'unprocessable',
      'No drill test agent is set: an admin chooses one under “Drill test agent” in the runbook settings.',
    );
  const agent = await tx.agent.findFirst({
    where: { id: settings.drillAgentId, workspaceId },
    select: { id: true, externalId: true, name: true },
  });
  if (!agent)
    throw new AppError(
      'unprocessable',
      'The drill test agent in the runbook settings is no longer in the ' +
        'inventory: choose another under “Drill test agent”.',
    );
  return agent;
}
