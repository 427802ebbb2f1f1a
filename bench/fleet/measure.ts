// How long the shared fleet takes to prepare (issue 20, item 7), and in how much memory: the generator of
// bench/fleet.ts on a throwaway embedded PostgreSQL, timed per phase; peak RSS is this process's (the generator's),
// PostgreSQL's own memory is not counted. Writes its section of bench/RESULTS.md (one row per size, kept across runs).
// Usage: npx tsx bench/fleet/measure.ts [--agents 100000] [--events 1000000] [--gpts 0]
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { createDb } from '@/lib/db.ts';
import { syncControls } from '@/lib/posture/catalogue-sync.ts';
import { generateFleet } from '../fleet.ts';
import { describeMachine } from '../machine.ts';
import { row } from '../markdown.ts';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '100000' },
    events: { type: 'string', default: '1000000' },
    gpts: { type: 'string', default: '0' },
  },
});
const AGENTS = Number(values.agents);
const EVENTS = Number(values.events);
const GPTS = Number(values.gpts);
const RESULTS = path.join(import.meta.dirname, '..', 'RESULTS.md');
const BEGIN = '<!-- fleet:begin -->';
const END = '<!-- fleet:end -->';
const ROWS_BEGIN = '<!-- fleet:rows -->';
const log = (s: string) => console.log(`bench:fleet: ${s}`);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-fleet-'));
chmodSync(workDir, 0o755);
const dataDir = path.join(workDir, 'pg');
mkdirSync(dataDir, { mode: 0o755 });
const server = await startEmbeddedPostgres({ dataDir, password: randomBytes(12).toString('hex'), database: 'fleet' });
try {
  await migrate(server.url);
  const db = createDb(server.url);
  await syncControls(db);
  const loadBefore = os.loadavg()[0]!;
  const t0 = performance.now();
  const actor = { id: null, label: 'bench', role: 'admin' };
  const fleet = await generateFleet(db, server.url, actor, { agents: AGENTS, events: EVENTS, gpts: GPTS, log });
  const totalMs = performance.now() - t0;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const rows = await db.$queryRawUnsafe<{ size: string }[]>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  await db.$disconnect();
  const machine = describeMachine();
  log(`${sec(totalMs)} in all, peak RSS ${int(rssMb)} MB, database ${rows[0]?.size}`);
  // A capped heap shows what the generator holds, not what V8 lets pile up before collecting.
  const cap = /--max-old-space-size=(\d+)/.exec(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`);
  const heap = cap ? ` (heap capped at ${cap[1]} MB)` : '';
  const label = `${int(AGENTS)} agents, ${int(EVENTS)} events${GPTS ? `, ${int(GPTS)} GPTs` : ''}${heap}`;
  const line = row(
    label,
    sec(fleet.ms.agents),
    sec(fleet.ms.events),
    GPTS ? sec(fleet.ms.gpts) : '—',
    sec(fleet.ms.analyze),
    `**${sec(totalMs)}**`,
    `${int(rssMb)} MB`,
    `${int(fleet.distinctAppSets)} / ${int(fleet.trifecta)} / ${int(fleet.owners)}`,
    `${int(fleet.events.content)} / ${int(fleet.events.files)} / ${int(fleet.events.fileAgents)}`,
    `${new Date().toISOString().slice(0, 16)}Z, load ${loadBefore.toFixed(1)}`,
  );
  const current = readFileSync(RESULTS, 'utf8');
  const kept = current.includes(ROWS_BEGIN)
    ? current
        .slice(current.indexOf(ROWS_BEGIN) + ROWS_BEGIN.length, current.indexOf(END))
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith(`| ${label} |`))
    : [];
  const section = `${BEGIN}
## 10. The shared fleet (bench/fleet.ts)

Written by \`npx tsx bench/fleet/measure.ts\` — ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM,
Node ${process.version}; embedded PostgreSQL with default settings, on the same machine.
The generator every bench prepares its workspace with: agents from bench/generate.ts's seeded distribution (their
status drawn apart, half published), classified by the real classifier once per distinct app list, COPY'd with their
history, versions (the Agent trigger) and the roster that owns them; Compliance Logs over 90 days (runs with their
messages and connector calls on each agent's own apps, agent edits, conversations, sign-ins, audit and app events)
COPY'd with their content split off, the per-type counts and the agents of each file; GPTs through the product's
GPT store. Peak RSS is the generator's process. bench/fleet.test.ts holds the rows to what the real import and log
store write for the same export and files.

| Fleet | Agents | Events | GPTs | ANALYZE | Total | Peak RSS | App lists / trifecta / owners |\
  Content / files / file agents | Run |
|---|---|---|---|---|---|---|---|---|---|
${ROWS_BEGIN}
${[...kept, line].join('\n')}
${END}`;
  writeFileSync(
    RESULTS,
    current.includes(BEGIN)
      ? current.replace(new RegExp(`${BEGIN}[\\s\\S]*${END}`), section)
      : `${current.trimEnd()}\n\n${section}\n`,
  );
} finally {
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
}
