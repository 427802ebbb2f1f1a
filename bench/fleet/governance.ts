// The fleet's governance (issue 20, item 7; the pages bench read empty Findings and Alerts before): what a
// workspace's roster, role matrix and action-control export leave — three owners, admins half of whom re-attested,
// members in the guide's role groups, direct assignments, a legacy role and an agents-admin role wider than the
// baseline, a few apps looser than the guide — then the findings the product opens for them, and the alerts its
// rules raised on the fleet's own events. Set-based SQL in the server (nothing grows in this process with the
// fleet), except the findings: they are the product's own syncFindings (lib/findings/sync.ts, bulk writes) over a
// roster whose size is the owners', so bench/fleet.test.ts can hold them to a second sync that changes nothing.
import type pg from 'pg';
import { SYSTEM_ACTOR } from '@/lib/audit/record.ts';
import { baselineControls } from '@/lib/action-control/queries.ts';
import type { Db } from '@/lib/db.ts';
import { builtinRules } from '@/lib/detections/builtin.ts';
import { syncFindings } from '@/lib/findings/sync.ts';

const BUCKETS = 1000;
/** A member's stable draw in [0, 1000) from their email (the roster is seeded, so is this). */
const bucket = `(abs(hashtext(email)::bigint) % ${BUCKETS})`;

export type GovernanceSummary = { findings: number; alerts: number; admins: number; direct: number };

export async function writeGovernance(
  db: Db,
  client: pg.ClientBase,
  o: { workspaceId: string; principal: string; at: Date; now: Date },
): Promise<GovernanceSummary> {
  const ws = o.workspaceId;
  const at = o.at.toISOString();
  // Roster: the first three members by email own the workspace (the guide allows two); 1.5% are admins, half of
  // them re-attested within 90 days; 5% hold agents-build directly, 2% (in no role group) a legacy role.
  const members = await client.query(
    `UPDATE "Member" SET
       "workspaceRole" = CASE WHEN email IN (SELECT email FROM "Member" WHERE "workspaceId" = $1 ORDER BY email LIMIT 3)
         THEN 'owner' WHEN ${bucket} < 15 THEN 'admin' ELSE 'member' END,
       "attestedAt" = CASE WHEN ${bucket} < 8 THEN $2::timestamptz - interval '20 days' END,
       "attestedBy" = CASE WHEN ${bucket} < 8 THEN 'ciso@bench.example' END,
       "directAgentRoles" = CASE WHEN ${bucket} BETWEEN 100 AND 149 THEN ARRAY['agents-build']
         WHEN ${bucket} BETWEEN 900 AND 919 THEN ARRAY['legacy-builders'] ELSE '{}'::text[] END
     WHERE "workspaceId" = $1
     RETURNING "workspaceRole" = 'admin' AS admin, cardinality("directAgentRoles") > 0 AS direct`,
    [ws, o.now.toISOString()],
  );
  // The guide's role groups from SCIM and an all-staff group from the members CSV; 70% run, 15% build, 1% admin.
  await client.query(
    `INSERT INTO "Group" (id, "workspaceId", "displayName", source, "createdAt", "updatedAt")
     SELECT 'bench-group-' || g.name, $1, g.name, g.source, $2::timestamptz, $2::timestamptz
     FROM (VALUES ('agents-run', 'scim'), ('agents-build', 'scim'), ('agents-admin', 'scim'), ('all-staff', 'csv'))
       AS g(name, source)`,
    [ws, at],
  );
  await client.query(
    `INSERT INTO "GroupMember" ("groupId", "memberId")
     SELECT 'bench-group-all-staff', id FROM "Member" WHERE "workspaceId" = $1
     UNION ALL
     SELECT 'bench-group-' || CASE WHEN ${bucket} < 700 THEN 'agents-run' WHEN ${bucket} < 850 THEN 'agents-build'
       ELSE 'agents-admin' END, id
     FROM "Member" WHERE "workspaceId" = $1 AND ${bucket} < 860`,
    [ws],
  );
  // Observed roles: the guide's three, agents-admin also publishing with shared connections (the baseline withholds
  // it), and a legacy builders' role mapped to no group.
  await client.query(
    `INSERT INTO "AgentRole" (id, "workspaceId", side, name, "useAgents", "buildAgents", "publishAgents",
       "publishWithSharedConnections", "enableSlackBot", "groupName", "updatedAt", "updatedBy")
     SELECT 'bench-role-' || r.name, $1, 'observed', r.name, r.u, r.b, r.p, r.s, r.k, r.g, $2::timestamptz, 'bench'
     FROM (VALUES ('agents-run', true, false, false, false, false, 'agents-run'),
                  ('agents-build', true, true, false, false, false, 'agents-build'),
                  ('agents-admin', true, true, true, true, true, 'agents-admin'),
                  ('legacy-builders', true, true, false, false, false, NULL))
       AS r(name, u, b, p, s, k, g)`,
    [ws, at],
  );
  // Observed action controls: the guide's pack as exported, with two apps on allow_all, one custom and one letting
  // newly added actions through.
  const controls = await baselineControls(db, ws);
  const loosen = (i: number) =>
    i === 0 || i === 1
      ? { mode: 'allow_all', enabled: true }
      : i === 2
        ? { mode: 'custom', enabled: true }
        : i === 3
          ? { newActionsDefault: 'allow' }
          : {};
  await db.actionControl.createMany({
    data: controls.map((c, i) => ({
      id: `bench-control-${i}`,
      workspaceId: ws,
      side: 'observed',
      ...c,
      ...loosen(i),
      updatedAt: o.at,
      updatedBy: 'bench',
    })),
  });
  const synced = await db.$transaction((tx) => syncFindings(tx, ws, o.now, SYSTEM_ACTOR), { timeout: 600_000 });
  const alerts = await writeAlerts(client, o);
  return {
    findings: synced.open,
    alerts,
    admins: members.rows.filter((r) => r.admin).length,
    direct: members.rows.filter((r) => r.direct).length,
  };
}

/**
 * Alerts on the fleet's own events, one statement: about one connector call request in 400 by an exposed trifecta
 * agent (a write without approval, high), one publication in 20 (published without an approval, critical), one
 * edit in 10 (a connector newly granted, medium), one completed call in 1,000 (first use in 30 days, medium).
 * Keyed as the engine keys them (rule id and event id). Older ones are mostly triaged, recent ones mostly open.
 */
export async function writeAlerts(client: pg.ClientBase, o: { workspaceId: string; principal: string; now: Date }) {
  const rules = new Map<string, ReturnType<typeof builtinRules>[number]>();
  for (const r of builtinRules()) {
    const check = String(r.tollgate?.check ?? r.id);
    if (!rules.has(check)) rules.set(check, r);
  }
  const rule = (check: string) => {
    const r = rules.get(check);
    if (!r) throw new Error(`no built-in rule runs the check ${check}`);
    return [r.id, r.title, r.level ?? 'medium'] as const;
  };
  const picks = [
    ['CONNECTOR_CALL_REQUESTED', 400, ...rule('write_action_by_trifecta'), `a."effectiveState" = 'exposed'`],
    ['AGENT_PUBLISHED', 20, ...rule('published_without_approval'), 'true'],
    ['AGENT_UPDATED', 10, ...rule('connector_granted'), 'true'],
    ['CONNECTOR_CALL_COMPLETED', 1000, ...rule('first_use'), 'true'],
  ] as const;
  let alerts = 0;
  for (const [eventType, every, ruleId, title, severity, where] of picks) {
    const draw = `abs(hashtext(e."eventId")::bigint)`;
    const result = await client.query(
      `INSERT INTO "Alert" (id, "workspaceId", key, "ruleId", title, severity, "agentId", "eventIds", message, at,
         status, assignee, "createdAt", "updatedAt")
       SELECT 'bench-alert-' || md5($3 || e."eventId"), $1, $3 || ':' || e."eventId", $3, $4, $5, e."agentId",
         ARRAY[e."eventId"], $4 || ': ' || a.name || ' (' || e."eventType" || ')', e.at,
         CASE WHEN e.at > $7::timestamptz - interval '14 days'
           THEN (ARRAY['open', 'open', 'open', 'acknowledged', 'resolved'])[${draw} % 5 + 1]
           ELSE (ARRAY['resolved', 'resolved', 'resolved', 'false_positive', 'acknowledged'])[${draw} % 5 + 1] END,
         CASE WHEN ${draw} % 3 = 0 THEN 'responder@bench.example' END, e.at, e.at
       FROM "LogEvent" e JOIN "Agent" a ON a."workspaceId" = $1 AND a."externalId" = e."agentId"
       WHERE e."principalId" = $2 AND e."eventType" = $6 AND (${draw} / 7) % $8 = 0 AND ${where}`,
      [o.workspaceId, o.principal, ruleId, title, severity, eventType, o.now.toISOString(), every],
    );
    alerts += result.rowCount ?? 0;
  }
  return alerts;
}
