// Gathers what the automated rules read (lib/posture/rules.ts) for one workspace, in one pass over its records.
import { checklistStatus } from '@/lib/checklist/service.ts';
import { stepById } from '@/lib/checklist/steps.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { builtinRules } from '@/lib/detections/builtin.ts';
import { acceptedAgentIds } from '@/lib/exceptions/acceptances.ts';
import { inForce } from '@/lib/exceptions/state.ts';
import { exceptionsOf } from '@/lib/findings/queries.ts';
import { findingStatus } from '@/lib/findings/status.ts';
import { freshness } from '@/lib/logs/queries.ts';
import { observedControls } from '@/lib/action-control/queries.ts';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { agentTally, type AgentTally, type TallyGroup, tallyCount } from './agent-tally.ts';
import { gateViolations } from './gate-violations.ts';
import { loadGptPolicy } from '@/lib/gpts/policy-queries.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import { attestationStatus } from './attestation-state.ts';
import { checkShares } from '@/lib/frameworks/check-shares.ts';
import type { AgentFacts, AttestationFact, PostureFacts } from './types.ts';

export async function loadFacts(
  db: Db | Tx,
  workspaceId: string,
  now: Date,
  tally: Promise<AgentTally> = agentTally(db, workspaceId),
): Promise<PostureFacts> {
  const notScim = { workspaceId, status: 'active', identitySource: { not: 'scim' } };
  const [findings, exceptions, tokens, members, notFromScimCount, notFromScim, admins, apps] = await Promise.all([
    db.finding.findMany({
      where: { workspaceId, status: 'open' },
      select: {
        id: true,
        key: true,
        kind: true,
        control: true,
        subjectId: true,
        subjectLabel: true,
        status: true,
        cause: true,
        message: true,
      },
    }),
    exceptionsOf(db, workspaceId),
    db.scimToken.count({ where: { workspaceId, revokedAt: null } }),
    db.member.count({ where: { workspaceId, status: 'active' } }),
    // Counted, not taken from the sample: the share of the roster from SCIM must hold past 200 members.
    db.member.count({ where: notScim }),
    db.member.findMany({ where: notScim, select: { email: true }, orderBy: { email: 'asc' }, take: 200 }),
    db.member.count({ where: { workspaceId, status: 'active', workspaceRole: { in: ['owner', 'admin'] } } }),
    observedControls(db, workspaceId).then((c) => c.length),
  ]);
  const inForceExceptions = exceptions.filter((e) => inForce(e, now));
  const findingFacts = findings.map((f) => ({
    key: f.key,
    kind: f.kind,
    control: f.control,
    status: findingStatus(f, exceptions, now).status,
    label: f.subjectLabel,
    href: `/findings/${f.id}`,
    message: f.message,
    subjectId: f.subjectId,
  }));
  const [agentsFacts, gpts, checkCounts] = await Promise.all([
    agentFacts(db, workspaceId, now, inForceExceptions, await tally),
    gptFacts(db, workspaceId, await tally),
    checkFacts(db, workspaceId),
  ]);
  const rules = builtinRules();
  return {
    now,
    findings: findingFacts,
    scim: {
      activeTokens: tokens,
      activeMembers: members,
      scimMembers: members - notFromScimCount,
      notFromScim: notFromScim.map((m) => ({
        label: m.email,
        href: `/roles/members?q=${encodeURIComponent(m.email)}`,
      })),
    },
    agents: agentsFacts,
    fleets: { apps, admins },
    gpts,
    firstUseRule: rules.some((r) => r.tollgate?.check === 'first_use'),
    ...(await runbookFacts(db, workspaceId)),
    logs: await logFacts(db, workspaceId, now),
    checklist: (await checklistStatus(db, workspaceId, now)).steps.map((s) => ({
      step: s.step,
      title: stepById(s.step)?.title ?? `Step ${s.step}`,
      status: s.status,
    })),
    attestations: await attestationFacts(db, workspaceId, now),
    notApplicable: await notApplicableControls(db, workspaceId, now),
    checks: checkShares({
      openFindings: findingFacts.filter((f) => f.status === 'open'),
      gpts: gpts.total,
      agents: agentsFacts.total,
      ruleIds: rules.map((r) => r.id),
      ...checkCounts,
    }),
  };
}

/**
 * What the checks that are not guide controls count (lib/frameworks/check-shares.ts): agents alerted per rule,
 * access-review items decided, platform actions confirmed. Three aggregates, whatever the fleet's size.
 */
export async function checkFacts(db: Db | Tx, workspaceId: string) {
  const [alerted, campaign, platform] = await Promise.all([
    db.$queryRaw<{ ruleId: string; n: bigint }[]>`SELECT "ruleId", count(DISTINCT "agentId") AS n FROM "Alert"
      WHERE "workspaceId" = ${workspaceId} AND status IN ('open', 'acknowledged') GROUP BY "ruleId"`,
    db.$queryRaw<{ items: bigint; decided: bigint; changes: bigint }[]>`SELECT count(*) AS items,
      count(i.decision) AS decided, count(*) FILTER (WHERE i.decision IN ('revoke', 'reassign')) AS changes
      FROM "CampaignItem" i JOIN "Campaign" c ON c.id = i."campaignId"
      WHERE c."workspaceId" = ${workspaceId} AND c.status <> 'scheduled'`,
    db.$queryRaw<{ settled: bigint; confirmed: bigint }[]>`SELECT
      count(*) FILTER (WHERE status IN ('confirmed', 'not_seen')) AS settled,
      count(*) FILTER (WHERE status = 'confirmed') AS confirmed
      FROM "PlatformAction" WHERE "workspaceId" = ${workspaceId}`,
  ]);
  return {
    alertedAgents: new Map(alerted.map((r) => [r.ruleId, Number(r.n)])),
    campaign: {
      items: Number(campaign[0]?.items ?? 0),
      decided: Number(campaign[0]?.decided ?? 0),
      changes: Number(campaign[0]?.changes ?? 0),
    },
    platform: { settled: Number(platform[0]?.settled ?? 0), confirmed: Number(platform[0]?.confirmed ?? 0) },
  };
}

type Excepted = { id: string; scopeKind: string; scope: unknown };

const SAMPLE = 50;
type Row = { externalId: string; name: string };
type Group = { state: string; status: string };
const TRIFECTA = ['exposed', 'accepted'];
/** Up to this many ungated agents are found through their configurations, more in name order (a test sets 0). */
export const SAMPLING = { sparseUngated: 5 * SAMPLE * SAMPLE };

/**
 * The first `limit` agents by name among those matching `where`, in each of the given (trifecta state, status)
 * groups, then the first SAMPLE of them all: each group is a range of the (workspace, state, status, name) index,
 * read in name order and stopped at `limit`, so the cost does not grow with the fleet while matches are common.
 * (Materialising every match and sorting it cost seconds at 1M agents.)
 */
async function firstByName<R extends Row>(
  db: Db | Tx,
  workspaceId: string,
  groups: Group[],
  where: Prisma.Sql,
  limit = SAMPLE,
): Promise<(R & Group)[]> {
  if (!groups.length) return [];
  return db.$queryRaw<(R & Group)[]>`
    SELECT k.state, k.status, s.* FROM unnest(${groups.map((g) => g.state)}::text[],
      ${groups.map((g) => g.status)}::text[]) AS k(state, status)
    CROSS JOIN LATERAL (SELECT a.id, a."externalId", a.name, a."configHash" FROM "Agent" a
      WHERE a."workspaceId" = ${workspaceId} AND a."effectiveState" = k.state AND a.status = k.status AND ${where}
      ORDER BY a.name, a."externalId" LIMIT ${limit}) s
    ORDER BY s.name, s."externalId" LIMIT ${limit === SAMPLE ? SAMPLE : limit * groups.length}`;
}

type Ungated = Row & { id: string; configHash: string };
const PREFIX = 8 * SAMPLE;

/**
 * The first SAMPLE ungated agents by name. Many ungated: the first PREFIX published agents of each group by name,
 * judged here, are enough when each group either ran out or gave SAMPLE matches (the first SAMPLE matches of all are
 * then among them), and no list of 40k ungated configurations travels to the database. Few: found through their
 * configurations (the (workspace, status, hash) index).
 */
async function firstUngated(
  db: Db | Tx,
  workspaceId: string,
  groups: Group[],
  isUngated: (r: Ungated) => boolean,
  sparse: Prisma.Sql,
  many: boolean,
): Promise<Ungated[]> {
  if (many) {
    const rows = await firstByName<Ungated>(db, workspaceId, groups, Prisma.sql`true`, PREFIX);
    const known = groups.every((g) => {
      const mine = rows.filter((r) => r.state === g.state && r.status === g.status);
      return mine.length < PREFIX || mine.filter(isUngated).length >= SAMPLE;
    });
    if (known) return rows.filter(isUngated).slice(0, SAMPLE);
  }
  return db.$queryRaw<Ungated[]>`SELECT a.id, a."externalId", a.name, a."configHash" FROM "Agent" a
    WHERE ${sparse} ORDER BY a.name, a."externalId" LIMIT ${SAMPLE}`;
}

/** How many rows the query gives; not asked when `ids`, the agents it looks up, are none. */
const count = async (db: Db | Tx, ids: string[] | null, query: Prisma.Sql) =>
  ids?.length === 0
    ? 0
    : Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (${query}) q`)[0]?.n ?? 0);

/**
 * The agent side of the rules, counted from the one pass over the agents (agentTally) so the cost does not grow with
 * loading or re-scanning every agent: published, exposed (stored exposed or accepted, less those an exception
 * accepts now), published without a required human gate (action maps computed once per distinct configuration),
 * published without an approval in force.
 */
async function agentFacts(
  db: Db | Tx,
  workspaceId: string,
  now: Date,
  exceptions: Excepted[],
  tally: AgentTally,
): Promise<AgentFacts> {
  const total = tallyCount(tally, (g) => g.status !== 'deleted');
  const published = tallyCount(tally, (g) => g.status === 'published');
  const [violations, accepted] = await Promise.all([
    gateViolations(db, workspaceId, [...tally.published.keys()]),
    acceptedAgentIds(db, workspaceId, now),
  ]);
  const hashes = [...violations.keys()];
  // Agents whose every missing gate an approval-gate exception in force covers, at their current configuration.
  const excused = new Set<string>();
  for (const e of exceptions) {
    if (e.scopeKind !== 'approval_gate') continue;
    const scope = e.scope as { agentId: string; configHash: string; categories: string[] };
    if ((violations.get(scope.configHash) ?? []).every((c) => scope.categories.includes(c)))
      excused.add(`${scope.agentId}|${scope.configHash}`);
  }
  const excusedKeys = [...excused];
  const excusedIds = excusedKeys.map((k) => k.slice(0, k.lastIndexOf('|')));
  const groups = (match: (g: TallyGroup) => boolean) => {
    const seen = new Map<string, Group>();
    for (const g of tally.groups) if (g.n > 0 && match(g)) seen.set(`${g.state}|${g.status}`, g);
    return [...seen.values()];
  };
  const exposedGroups = groups((g) => g.status !== 'deleted' && TRIFECTA.includes(g.state));
  const publishedGroups = groups((g) => g.status === 'published');
  const isPublished = Prisma.sql`a."workspaceId" = ${workspaceId} AND a.status = 'published'`;
  const notExcused = Prisma.sql`NOT ((a.id || '|' || a."configHash") = ANY(${excusedKeys}::text[]))`;
  const isUngated = Prisma.sql`a."configHash" = ANY(${hashes}::text[]) AND ${notExcused}`;
  const unapproved = Prisma.sql`NOT EXISTS (SELECT 1 FROM "RegisterEntry" r WHERE r."agentId" = a.id
    AND r."configHash" = a."configHash" AND r."supersededAt" IS NULL)`;
  const ungatedAll = hashes.reduce((sum, h) => sum + (tally.published.get(h) ?? 0), 0);
  const [acceptedNow, excusedNow, approved, exposedSample, ungatedSample, unapprovedSample] = await Promise.all([
    // The few agents an exception accepts now, and the few it excuses: looked up by id.
    count(
      db,
      accepted,
      Prisma.sql`SELECT 1 FROM "Agent" a WHERE a.id = ANY(${accepted}::text[]) AND a."workspaceId" = ${workspaceId}
        AND a.status <> 'deleted' AND a."effectiveState" IN ('exposed', 'accepted')`,
    ),
    count(
      db,
      excusedIds,
      Prisma.sql`SELECT 1 FROM "Agent" a WHERE a.id = ANY(${excusedIds}::text[]) AND ${isPublished}
        AND a."configHash" = ANY(${hashes}::text[]) AND NOT ${notExcused}`,
    ),
    // Approved: read from the register's current entries (one per approved agent), not from every published agent.
    count(
      db,
      null,
      Prisma.sql`SELECT 1 FROM "Agent" a WHERE a.id IN (SELECT "agentId" FROM "RegisterEntry"
        WHERE "workspaceId" = ${workspaceId} AND "supersededAt" IS NULL) AND ${isPublished} AND NOT ${unapproved}`,
    ),
    firstByName<Row>(db, workspaceId, exposedGroups, Prisma.sql`NOT (a.id = ANY(${accepted}::text[]))`),
    firstUngated(
      db,
      workspaceId,
      publishedGroups,
      (r) => violations.has(r.configHash) && !excused.has(`${r.id}|${r.configHash}`),
      Prisma.sql`${isPublished} AND ${isUngated}`,
      ungatedAll > SAMPLING.sparseUngated,
    ),
    firstByName<Row>(db, workspaceId, publishedGroups, unapproved),
  ]);
  const label = (r: Row) => `${r.name} (${r.externalId})`;
  const href = (base: string, r: Row) => `${base}/${encodeURIComponent(r.externalId)}`;
  return {
    total,
    published,
    exposed: {
      count: tallyCount(tally, (g) => g.status !== 'deleted' && TRIFECTA.includes(g.state)) - acceptedNow,
      sample: exposedSample.map((r) => ({ label: label(r), href: href('/agents', r) })),
    },
    ungated: {
      count: ungatedAll - excusedNow,
      sample: ungatedSample.map((r) => ({
        label: `${label(r)}: ${violations.get(r.configHash)!.join(', ')}`,
        href: href('/reviews', r),
      })),
    },
    unapproved: {
      count: published - approved,
      sample: unapprovedSample.map((r) => ({ label: label(r), href: href('/reviews', r) })),
    },
  };
}

async function runbookFacts(db: Db | Tx, workspaceId: string): Promise<Pick<PostureFacts, 'runbook' | 'lastDrill'>> {
  const [settings, drill] = await Promise.all([
    db.runbookSettings.findUnique({ where: { workspaceId } }),
    db.suspension.findFirst({
      where: { workspaceId, kind: 'drill', triggeredAt: { not: null } },
      orderBy: { triggeredAt: 'desc' },
      select: { id: true, triggeredAt: true, confirmedAt: true },
    }),
  ]);
  const missing = !settings
    ? ['the runbook settings']
    : [
        ...(settings.authority.trim() ? [] : ['authority']),
        ...(settings.triggers.length ? [] : ['triggers']),
        ...(settings.agentsAdminChannel || settings.grcOnCall || settings.incidentCommander
          ? []
          : ['notification list']),
      ];
  return {
    runbook: { configured: missing.length === 0, missing },
    lastDrill: drill?.triggeredAt
      ? {
          at: drill.triggeredAt,
          minutes: drill.confirmedAt
            ? Math.round((drill.confirmedAt.getTime() - drill.triggeredAt.getTime()) / 6000) / 10
            : null,
          href: `/suspensions/${drill.id}`,
        }
      : null,
  };
}

async function logFacts(db: Db | Tx, workspaceId: string, now: Date): Promise<PostureFacts['logs']> {
  const [workspace, source] = await Promise.all([
    db.workspace.findUnique({ where: { id: workspaceId }, select: { principal: true } }),
    db.complianceSource.findUnique({ where: { workspaceId }, select: { enabled: true, logTypes: true } }),
  ]);
  if (!workspace?.principal || !source?.enabled) return { configured: false, types: [] };
  const types = await freshness(db as Db, workspaceId, workspace.principal, source.logTypes, now);
  return {
    configured: true,
    types: types
      .filter((t) => source.logTypes.includes(t.logType))
      .map((t) => ({ logType: t.logType, status: t.status })),
  };
}

/** Each control's attestation status at `now` (lib/posture/attestation-state.ts decides). */
async function attestationFacts(db: Db | Tx, workspaceId: string, now: Date): Promise<Map<string, AttestationFact>> {
  const rows = await db.attestation.findMany({
    where: { workspaceId },
    select: { controlId: true, attestedBy: true, attestedAt: true, expiresAt: true, revokedAt: true },
  });
  const byControl = new Map<string, typeof rows>();
  for (const r of rows) byControl.set(r.controlId, [...(byControl.get(r.controlId) ?? []), r]);
  const out = new Map<string, AttestationFact>();
  for (const [controlId, list] of byControl) {
    const state = attestationStatus(list, now);
    out.set(controlId, {
      status: state.status,
      attestedBy: state.current?.attestedBy ?? null,
      expiresAt: state.expiresAt,
    });
  }
  return out;
}

/** Controls an approved exception in force (scope "control not applicable") takes out of the posture. */
export async function notApplicableControls(
  db: Db | Tx,
  workspaceId: string,
  now: Date,
): Promise<Map<string, { id: string; title: string }>> {
  const rows = await db.exception.findMany({
    where: { workspaceId, scopeKind: 'control_na', status: 'approved', reviewAt: { gt: now } },
    orderBy: { reviewAt: 'desc' },
    select: { id: true, title: true, scope: true },
  });
  return new Map(
    rows.map((r) => [String((r.scope as { controlId?: unknown }).controlId), { id: r.id, title: r.title }]),
  );
}

/** The custom GPTs the findings are about (still listed, not deleted) and the GPT policy in force. */
async function gptFacts(
  db: Db | Tx,
  workspaceId: string,
  tally: AgentTally,
): Promise<NonNullable<PostureFacts['gpts']>> {
  const total = tallyCount(tally, (g) => g.kind === GPT_KIND && g.status !== 'deleted' && g.listed);
  const policy = await loadGptPolicy(db, workspaceId);
  return { total, policyVersion: policy.version, thirdPartyGpts: policy.thirdPartyGpts };
}
