// A standing fleet for profiling and for the benches that only read (issue 20, item 4): an embedded PostgreSQL on
// a data directory that outlives the process, generated once (bench/fleet.ts) and served until Ctrl-C. A second run
// on the same directory with the same sizes serves what is there instead of generating it again.
// Usage: npm run bench:fleet -- --dir /tmp/fleet-1m --agents 1000000 --events 10000000 [--gpts 0] [--port 55432]
//   [--add-governance]: a fleet generated before the generator wrote findings and alerts gets them (once)
// Prints the DATABASE_URL to use (password in <dir>/password).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { createDb } from '@/lib/db.ts';
import { syncControls } from '@/lib/posture/catalogue-sync.ts';
import { BENCH_PRINCIPAL, BENCH_WS, generateFleet, writeFleetGovernance } from '../fleet.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    agents: { type: 'string', default: '100000' },
    events: { type: 'string', default: '1000000' },
    gpts: { type: 'string', default: '0' },
    port: { type: 'string' },
    'add-governance': { type: 'boolean', default: false },
  },
});
if (!values.dir) throw new Error('--dir is required: the data directory the fleet is kept in');
const dir = path.resolve(values.dir);
const sizes = { agents: Number(values.agents), events: Number(values.events), gpts: Number(values.gpts) };
for (const [name, n] of Object.entries(sizes))
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${n}`);
const log = (s: string) => console.log(`bench:fleet: ${s}`);

mkdirSync(dir, { recursive: true, mode: 0o755 });
const passwordFile = path.join(dir, 'password');
if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(12).toString('hex'), { mode: 0o600 });
const manifestFile = path.join(dir, 'fleet.json');
// Written once the fleet has its roster's findings and alerts (bench/fleet/governance.ts).
const governanceFile = path.join(dir, 'governance.json');
const wanted = JSON.stringify(sizes);
const port = values.port ? Number(values.port) : undefined;
const server = await startEmbeddedPostgres({
  dataDir: dir,
  password: readFileSync(passwordFile, 'utf8').trim(),
  database: 'fleet',
  port,
});
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await migrate(server.url);
const had = existsSync(manifestFile) ? readFileSync(manifestFile, 'utf8') : null;
if (had === null) {
  const db = createDb(server.url);
  await syncControls(db);
  const t0 = performance.now();
  const actor = { id: null, label: 'bench', role: 'admin' };
  const fleet = await generateFleet(db, server.url, actor, { ...sizes, log });
  await db.$disconnect();
  writeFileSync(manifestFile, wanted);
  writeFileSync(governanceFile, JSON.stringify({ findings: fleet.findings, alerts: fleet.alerts }));
  log(`generated in ${Math.round((performance.now() - t0) / 1000)} s: ${JSON.stringify(fleet.ms)}`);
} else if (had !== wanted) {
  await server.stop();
  throw new Error(`${dir} holds another fleet (${had}); use another --dir`);
} else if (values['add-governance'] && !existsSync(governanceFile)) {
  // The events' window ends 90 days after the import the generator dated the agents with.
  const db = createDb(server.url);
  const imported = await db.inventoryImport.findFirstOrThrow({
    where: { workspaceId: BENCH_WS, filename: 'fleet.csv' },
    select: { committedAt: true },
  });
  const at = imported.committedAt!;
  const t0 = performance.now();
  const added = await writeFleetGovernance(db, server.url, {
    workspaceId: BENCH_WS,
    principal: BENCH_PRINCIPAL,
    at,
    now: new Date(at.getTime() + 90 * 86_400_000),
  });
  await db.$executeRawUnsafe('ANALYZE "Finding", "Alert", "Member", "GroupMember", "RecordVersion"');
  await db.$disconnect();
  writeFileSync(governanceFile, JSON.stringify(added));
  log(
    `added ${added.findings} findings and ${added.alerts} alerts in ${Math.round((performance.now() - t0) / 1000)} s`,
  );
}
log(`ready: DATABASE_URL=${server.url} (workspace ws-bench); Ctrl-C stops it`);
await new Promise(() => {});
