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
import { gateViolations } from './gate-violations.ts';
import { loadGptPolicy } from '@/lib/gpts/policy-queries.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import { attestationStatus } from './attestation-state.ts';
import type { AgentFacts, AttestationFact, PostureFacts } from './types.ts';

export async function loadFacts(db: Db | Tx, workspaceId: string, now: Date): Promise<PostureFacts> {
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
  return {
    now,
    findings: findings.map((f) => ({
      key: f.key,
      kind: f.kind,
      control: f.control,
      status: findingStatus(f, exceptions, now).status,
      label: f.subjectLabel,
      href: `/findings/${f.id}`,
      message: f.message,
    })),
    scim: {
      activeTokens: tokens,
      activeMembers: members,
      scimMembers: members - notFromScimCount,
      notFromScim: notFromScim.map((m) => ({
        label: m.email,
        href: `/roles/members?q=${encodeURIComponent(m.email)}`,
      })),
    },
    agents: await agentFacts(db, workspaceId, now, inForceExceptions),
    fleets: { apps, admins },
    gpts: await gptFacts(db, workspaceId),
    firstUseRule: builtinRules().some((r) => r.tollgate?.check === 'first_use'),
    ...(await runbookFacts(db, workspaceId)),
    logs: await logFacts(db, workspaceId, now),
    checklist: (await checklistStatus(db, workspaceId, now)).steps.map((s) => ({
      step: s.step,
      title: stepById(s.step)?.title ?? `Step ${s.step}`,
      status: s.status,
    })),
    attestations: await attestationFacts(db, workspaceId, now),
    notApplicable: await notApplicableControls(db, workspaceId, now),
  };
}

type Excepted = { id: string; scopeKind: string; scope: unknown };

const SAMPLE = 50;
type Row = { externalId: string; name: string };

/** How many rows a query gives, and the first SAMPLE of them by name: one scan, the rows materialised once. */
async function countAndSample<R extends Row>(db: Db | Tx, query: Prisma.Sql): Promise<{ count: number; sample: R[] }> {
  const [row] = await db.$queryRaw<{ n: bigint; sample: R[] | null }[]>`
    WITH m AS MATERIALIZED (${query})
    SELECT (SELECT count(*) FROM m) AS n, (SELECT json_agg(s) FROM (SELECT * FROM m ORDER BY name, "externalId"
    LIMIT ${SAMPLE}) s) AS sample`;
  return { count: Number(row?.n ?? 0), sample: row?.sample ?? [] };
}

/**
 * The agent side of the rules, counted in SQL so the cost does not grow with loading every agent: published,
 * exposed (stored exposed or accepted, less those an exception accepts now), published without a required
 * human gate (action maps computed once per distinct configuration), published without an approval in force.
 */
async function agentFacts(db: Db | Tx, workspaceId: string, now: Date, exceptions: Excepted[]): Promise<AgentFacts> {
  const [total, published, violations, accepted] = await Promise.all([
    db.agent.count({ where: { workspaceId, status: { not: 'deleted' } } }),
    db.agent.count({ where: { workspaceId, status: 'published' } }),
    gateViolations(db, workspaceId),
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
  // Each check's rows are read once: counted, and the first of them (by name) kept to link.
  const [exposed, ungated, unapproved] = await Promise.all([
    countAndSample<Row>(
      db,
      Prisma.sql`SELECT "externalId", name FROM "Agent" WHERE "workspaceId" = ${workspaceId} AND status <> 'deleted'
                 AND "effectiveState" IN ('exposed', 'accepted') AND NOT (id = ANY(${accepted}::text[]))`,
    ),
    countAndSample<Row & { configHash: string }>(
      db,
      Prisma.sql`SELECT "externalId", name, "configHash" FROM "Agent" WHERE "workspaceId" = ${workspaceId}
                 AND status = 'published' AND "configHash" = ANY(${hashes}::text[])
                 AND NOT ((id || '|' || "configHash") = ANY(${excusedKeys}::text[]))`,
    ),
    countAndSample<Row>(
      db,
      Prisma.sql`SELECT a."externalId", a.name FROM "Agent" a WHERE a."workspaceId" = ${workspaceId}
                 AND a.status = 'published' AND NOT EXISTS (SELECT 1 FROM "RegisterEntry" r WHERE r."agentId" = a.id
                 AND r."configHash" = a."configHash" AND r."supersededAt" IS NULL)`,
    ),
  ]);
  const label = (r: Row) => `${r.name} (${r.externalId})`;
  const href = (base: string, r: Row) => `${base}/${encodeURIComponent(r.externalId)}`;
  return {
    total,
    published,
    exposed: {
      count: exposed.count,
      sample: exposed.sample.map((r) => ({ label: label(r), href: href('/agents', r) })),
    },
    ungated: {
      count: ungated.count,
      sample: ungated.sample.map((r) => ({
        label: `${label(r)}: ${violations.get(r.configHash)!.join(', ')}`,
        href: href('/reviews', r),
      })),
    },
    unapproved: {
      count: unapproved.count,
      sample: unapproved.sample.map((r) => ({ label: label(r), href: href('/reviews', r) })),
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
async function gptFacts(db: Db | Tx, workspaceId: string): Promise<NonNullable<PostureFacts['gpts']>> {
  const [total, policy] = await Promise.all([
    db.agent.count({ where: { workspaceId, kind: GPT_KIND, status: { not: 'deleted' }, inLatestExport: true } }),
    loadGptPolicy(db, workspaceId),
  ]);
  return { total, policyVersion: policy.version, thirdPartyGpts: policy.thirdPartyGpts };
}
