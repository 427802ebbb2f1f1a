// The generated fleet is what the product would have stored: a small fleet written by the generator (COPY) and the
// same export and log files put through the real import (previewImport + commitImport) and the real log store
// (ingestFile) leave the same rows — agents with their classification, history and versions, events, content,
// per-type counts, files and the agents of each file; the roster's findings are the product's own (a second sync
// changes nothing) and its alerts sit on the fleet's own events.
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { builtinRules } from '@/lib/detections/builtin.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { readGptsFromApi } from '@/lib/gpts/read.ts';
import { purgeContent } from '@/lib/logs/retention.ts';
import { ingestFile } from '@/lib/logs/store.ts';
import { startPlatformSim } from '@/lib/platform-sim/server.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { createTestDatabase } from '@/test/db.ts';
import { exportRows } from './fleet/agents.ts';
import { dayEvents, dayPlans } from './fleet/events.ts';
import { fleetGptSource } from './fleet/gpts.ts';
import { BENCH_PRINCIPAL, BENCH_WS, generateFleet, type FleetSummary } from './fleet.ts';

const AGENTS = 2_000;
const EVENTS = 20_000;
const GPTS = 60;
// Longer than content's 30-day retention, so the purge has content to remove.
const DAYS = 40;
const SEED = 5;
const END = new Date('2026-11-30T00:00:00Z');
const actor = { id: null, label: 'fleet-test', role: 'admin' };

let generated: { db: Db; client: pg.Client; summary: FleetSummary };
let real: { db: Db; client: pg.Client };

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-fleet-'));
  const genUrl = await createTestDatabase('fleet_gen');
  const genDb = createDb(genUrl);
  const summary = await generateFleet(genDb, genUrl, actor, {
    agents: AGENTS,
    events: EVENTS,
    gpts: GPTS,
    days: DAYS,
    seed: SEED,
    end: END,
    jsonlDir: dir,
  });
  generated = { db: genDb, client: await connect(genUrl), summary };

  // The same export and the same files through the product's own services.
  const realUrl = await createTestDatabase('fleet_real');
  const db = createDb(realUrl);
  const at = new Date(END.getTime() - DAYS * 86_400_000);
  await createWorkspace(db, actor, { id: BENCH_WS, name: 'Bench', kind: 'workspace', principal: BENCH_PRINCIPAL }, at);
  const rows = [...exportRows(AGENTS, SEED, summary.owners)];
  const csv = `agent_id,agent_name,owner_email,connected_apps,status\n${rows
    .map((a) => `${a.id},${a.name},${a.owner},${a.apps.join(';')},${a.status}`)
    .join('\n')}\n`;
  const { id } = await previewImport(
    db,
    actor,
    BENCH_WS,
    { filename: 'fleet.csv', content: Buffer.from(csv), fullExport: true },
    at,
  );
  await commitImport(db, actor, BENCH_WS, id, { skipInvalid: false, now: at });
  const client = await connect(realUrl);
  for (const name of readdirSync(dir).sort())
    await ingestFile(client, path.join(dir, name), { source: 'cli', startedBy: 'fleet' });
  // What the daily job leaves: content past its retention purged (the generator never writes it).
  expect(Object.values(await purgeContent(db, actor, END)).some((n) => n > 0)).toBe(true);
  // The same GPTs read by the real reader from the simulated Compliance API.
  const sim = await startPlatformSim({
    principal: BENCH_PRINCIPAL,
    source: fleetGptSource(GPTS, SEED, summary.owners),
    apiKey: 'sk-fleet',
  });
  try {
    const read = await readGptsFromApi(
      db,
      BENCH_WS,
      { baseUrl: sim.url, principal: BENCH_PRINCIPAL, apiKey: 'sk-fleet' },
      { now: () => END },
    );
    expect(read).toMatchObject({ error: null, totals: { created: GPTS } });
  } finally {
    await sim.close();
  }
  real = { db, client };
}, 240_000);

afterAll(async () => {
  for (const side of [generated, real]) {
    await side?.client.end();
    await side?.db.$disconnect();
  }
});

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** The same query on both databases. */
async function both(sql: string) {
  const [a, b] = await Promise.all([generated.client.query(sql), real.client.query(sql)]);
  return { generated: a.rows, real: b.rows };
}

describe('the fleet generator', () => {
  it('writes a fleet worth comparing: trifectas, unknown apps, every state, runs and other logs', async () => {
    const { rows } = await generated.client.query(
      `SELECT count(*)::int AS agents, count(*) FILTER (WHERE trifecta)::int AS trifecta,
         count(*) FILTER (WHERE cardinality("unknownApps") > 0)::int AS unknown,
         count(*) FILTER (WHERE cardinality("unclassifiedMcp") > 0)::int AS mcp,
         count(DISTINCT "effectiveState")::int AS states, count(DISTINCT status)::int AS statuses,
         count(DISTINCT "ownerEmail")::int AS owners
       FROM "Agent" WHERE kind = 'workspace_agent'`,
    );
    const a = rows[0]!;
    expect(a.agents).toBe(AGENTS);
    expect(a.trifecta).toBeGreaterThan(AGENTS / 10);
    expect(a.trifecta).toBeLessThan(AGENTS);
    expect(a.unknown).toBeGreaterThan(0);
    expect(a.mcp).toBeGreaterThan(0);
    expect(a.states).toBeGreaterThanOrEqual(2);
    expect(a.statuses).toBe(5);
    const events = await generated.client.query(
      `SELECT type, count(*)::int AS n, count(DISTINCT "eventType")::int AS kinds FROM "LogEvent" GROUP BY type`,
    );
    const byType = Object.fromEntries(events.rows.map((r) => [r.type, r]));
    expect(events.rows.reduce((s, r) => s + r.n, 0)).toBe(EVENTS);
    expect(byType.CUSTOM_AGENTS_LOG.n).toBeGreaterThan(EVENTS / 2);
    expect(byType.CUSTOM_AGENTS_LOG.kinds).toBeGreaterThanOrEqual(8);
    for (const type of ['CONVERSATION_MESSAGE', 'AUTH_LOG', 'AUDIT_LOG', 'APP_LOG'])
      expect(byType[type]?.n).toBeGreaterThan(0);
    // Events name agents the inventory holds, and their connector calls name those agents' apps.
    const orphans = await generated.client.query(
      `SELECT count(*)::int AS n FROM "LogEvent" e WHERE e."agentId" IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM "Agent" a WHERE a."externalId" = e."agentId")`,
    );
    expect(orphans.rows[0]!.n).toBe(0);
    expect(generated.summary.events.events).toBe(EVENTS);
  });

  it('stores the agents, their history and their versions as the real import does', async () => {
    const agents = await both(
      `SELECT "externalId", kind, name, "ownerEmail", status, apps, connectors, "configHash", "inLatestExport",
         "appIds", "unknownApps", "unclassifiedMcp", legs, "legCount", trifecta, "breakApps", "effectiveState",
         "firstSeenAt", "updatedAt", "versionId", skills, triggers, "lastEventAt", "publishedConfigHash"
       FROM "Agent" ORDER BY "externalId"`,
    );
    expect(agents.generated).toHaveLength(AGENTS + GPTS);
    expect(agents.generated).toEqual(agents.real);
    const history = await both(
      `SELECT a."externalId", h.at, h.kind, h.detail, h."importId" IS NOT NULL AS imported, h."eventId"
       FROM "AgentHistory" h JOIN "Agent" a ON a.id = h."agentId" ORDER BY a."externalId", h.kind`,
    );
    expect(history.generated).toHaveLength(AGENTS + GPTS);
    expect(history.generated).toEqual(history.real);
    const versions = await both(
      `SELECT a."externalId", v.at, v.data FROM "RecordVersion" v JOIN "Agent" a ON a.id = v."entityId"
       WHERE v.entity = 'agent' ORDER BY a."externalId", v.at`,
    );
    expect(versions.generated).toHaveLength(AGENTS + GPTS);
    expect(versions.generated).toEqual(versions.real);
    const imports = await both(`SELECT status, outcome->'created' AS created FROM "InventoryImport"`);
    expect(imports.generated).toEqual(imports.real);
  });

  it('stores the events, their content and the derived counts as the real log store does', async () => {
    const events = await both(
      `SELECT e."principalId", e."eventId", e.type, e."eventType", e.at, e."agentId", e."actorEmail",
         e.record::text AS record, f.name AS file, e.line
       FROM "LogEvent" e JOIN "LogFile" f ON f.id = e."fileId" ORDER BY e."principalId", e."eventId"`,
    );
    expect(events.generated).toHaveLength(EVENTS);
    expect(events.generated).toEqual(events.real);
    const keys = await both(`SELECT * FROM "LogEventKey" ORDER BY "principalId", "eventId"`);
    expect(keys.generated).toHaveLength(EVENTS);
    expect(keys.generated).toEqual(keys.real);
    const content = await both(`SELECT * FROM "LogContent" ORDER BY "principalId", "eventId", path`);
    expect(content.generated.length).toBeGreaterThan(EVENTS / 20);
    expect(content.generated).toEqual(content.real);
    const counts = await both(`SELECT * FROM "LogEventCount" ORDER BY "principalId", type, "eventType"`);
    expect(counts.generated).toEqual(counts.real);
    const files = await both(
      `SELECT name, sha256, size, lines, inserted, duplicates, quarantined, "firstEventAt", "lastEventAt", status
       FROM "LogFile" ORDER BY name`,
    );
    expect(files.generated).toEqual(files.real);
    const fileAgents = await both(
      `SELECT f.name, l."principalId", l."agentId" FROM "LogFileAgent" l JOIN "LogFile" f ON f.id = l."fileId"
       ORDER BY 1, 2, 3`,
    );
    expect(fileAgents.generated.length).toBeGreaterThan(0);
    expect(fileAgents.generated).toEqual(fileAgents.real);
  });

  it('stores the GPTs, their versions, schemas and findings as a complete read of the platform does', async () => {
    const states = await both(
      `SELECT a."externalId", s.raw, s."rawSha256", s.gpt, s.visibility, s.recipients, s.capabilities, s."configId",
         s."platformUpdatedAt", s.source, s."lastReadAt", s."changedAt"
       FROM "GptState" s JOIN "Agent" a ON a.id = s."agentId" ORDER BY a."externalId"`,
    );
    expect(states.generated).toHaveLength(GPTS);
    expect(states.generated).toEqual(states.real);
    const versions = await both(
      `SELECT a."externalId", v."configId", v."configCreatedAt", v."riskHash", v.config, v.raw, v."firstSeenAt"
       FROM "GptConfigVersion" v JOIN "Agent" a ON a.id = v."agentId" ORDER BY a."externalId", v."configId"`,
    );
    expect(versions.generated.length).toBeGreaterThan(GPTS);
    expect(versions.generated).toEqual(versions.real);
    const schemas = await both(`SELECT sha256, result FROM "GptActionSchema" ORDER BY sha256`);
    expect(schemas.generated.length).toBeGreaterThan(0);
    expect(schemas.generated).toEqual(schemas.real);
    const findings = await both(
      `SELECT control, kind, "subjectType", status, count(*)::int AS n FROM "Finding" WHERE "subjectType" = 'agent'
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
    expect(findings.generated.length).toBeGreaterThan(0);
    expect(findings.generated).toEqual(findings.real);
  });

  it('opens the findings the product opens for its roster, and alerts on its own events', async () => {
    const kinds = await generated.client.query(
      `SELECT kind, count(*)::int AS n FROM "Finding" WHERE "subjectType" <> 'agent' AND status = 'open' GROUP BY kind`,
    );
    const byKind = Object.fromEntries(kinds.rows.map((r) => [r.kind, r.n]));
    expect(Object.keys(byKind).sort()).toEqual([
      'action-custom',
      'action-drift',
      'allow-all',
      'attestation-overdue',
      'direct-assignment',
      'new-actions-allow',
      'owners-over-limit',
      'role-bit-beyond-baseline',
      'role-not-in-baseline',
      'role-unmapped',
      'shared-connections',
      'unmapped-privileges',
    ]);
    expect(generated.summary.findings).toBeGreaterThan(kinds.rows.length);
    // The product, asked again for the same workspace at the same time, finds them in step: nothing to open, change or
    // resolve (a finding the generator wrote that the product would not open would be resolved here).
    const again = await generated.db.$transaction((tx) => syncFindings(tx, BENCH_WS, END));
    expect({ ...again, open: 0 }).toEqual({ opened: [], reopened: [], updated: [], resolved: [], open: 0 });
    // Alerts: on events of the fleet about the alert's agent, keyed as the engine keys them, from the shipped rules.
    const alerts = await generated.client.query(
      `SELECT a.key, a."ruleId", a.title, a.severity, a.status, a."eventIds", a.at = e.at AS same_at,
         e."agentId" = a."agentId" AS same_agent
       FROM "Alert" a LEFT JOIN "LogEvent" e ON e."eventId" = a."eventIds"[1] AND e."principalId" = $1`,
      [BENCH_PRINCIPAL],
    );
    expect(alerts.rows.length).toBe(generated.summary.alerts);
    expect(alerts.rows.length).toBeGreaterThan(10);
    const rules = new Map(builtinRules().map((r) => [r.id, r]));
    for (const a of alerts.rows) {
      expect(a.same_at && a.same_agent, a.key).toBe(true);
      expect(a.key).toBe(`${a.ruleId}:${a.eventIds.join(',')}`);
      expect(rules.get(a.ruleId)?.title).toBe(a.title);
    }
    expect(new Set(alerts.rows.map((a) => a.ruleId)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(alerts.rows.map((a) => a.status)).size).toBeGreaterThanOrEqual(3);
  });

  it('gives the same events for the same seed, and others for another', () => {
    const fleet = {
      principal: 'p',
      agents: 50,
      owners: 10,
      externalId: (i: number) => `agt-${i}`,
      connectorIds: () => ['gmail', 'slack'],
    };
    const day = (seed: number) => [...dayEvents(fleet, dayPlans(seed, 300, 3, END.getTime())[1]!)];
    expect(day(1)).toEqual(day(1));
    expect(day(1)).toHaveLength(100);
    expect(JSON.stringify(day(2))).not.toBe(JSON.stringify(day(1)));
    const agents = (seed: number) => [...exportRows(100, seed, 400)];
    expect(agents(1)).toEqual(agents(1));
    expect(agents(2)).not.toEqual(agents(1));
  });
});
