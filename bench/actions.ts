// Platform actions benchmark (issue 18, performance): 2,000 unpublish actions a person requested and a second
// person approved as one batch, released at once against the simulated platform's limit of 100 requests a minute
// per route (lib/platform-sim, no random 429s). The real executor (`runDueActions`, its own per-route limiter)
// sends them; every minute the counts per status are sampled as the Actions page shows them. Then one pull of the
// Compliance Logs (`pullAllSources`, which confirms what it reads) must confirm every action. Checked: no request
// answered 429 (none over the limit), each agent acted on exactly once (none lost, none twice), every action
// confirmed; the wall time against the limit's floor. Writes its section of bench/RESULTS.md.
// Usage: npm run bench:actions -- [--actions 2000] [--per-minute 100]
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabaseOn, startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { API_KEY_PURPOSE, pullAllSources } from '@/lib/logs/puller/pull-all.ts';
import { runDueActions } from '@/lib/platform/executor.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { createRouteLimiter } from '@/lib/platform/limiter.ts';
import { approveActions, requestActions } from '@/lib/platform/service.ts';
import { startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { describeMachine, type Machine } from './machine.ts';
import { row } from './markdown.ts';

const WORKSPACE = 'ws-bench-actions';
const PRINCIPAL = 'bench-actions-principal';
const READ_KEY = 'sk-bench-read';
const ACT_KEY = 'sk-bench-act';
const SECRET = randomBytes(32).toString('base64url');
const RESULTS = path.join(import.meta.dirname, 'RESULTS.md');
const BEGIN = '<!-- actions:begin -->';
const END = '<!-- actions:end -->';

type Sample = { minute: number; counts: Record<string, number> };
type Section = {
  actions: number;
  perMinute: number;
  machine: Machine;
  load: [number, number];
  sendMs: number;
  floorMs: number;
  confirmMs: number;
  acted: number;
  actedTwice: number;
  throttled: number;
  maxInWindow: number;
  statuses: Record<string, number>;
  samples: Sample[];
  at: string;
};

const { values } = parseArgs({
  options: {
    actions: { type: 'string', default: '2000' },
    'per-minute': { type: 'string', default: '100' },
    'write-from': { type: 'string' },
  },
});

if (values['write-from']) writeSection(JSON.parse(readFileSync(values['write-from'], 'utf8')) as Section);
else await main(Number(values.actions), Number(values['per-minute']));

async function counts(db: Db): Promise<Record<string, number>> {
  const rows = await db.platformAction.groupBy({ by: ['status'], where: { workspaceId: WORKSPACE }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]).sort());
}

/** Most requests that left within any 60 s (the platform's window), from the attempts' start times. */
function maxInWindow(times: number[], windowMs = 60_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

async function main(count: number, perMinute: number) {
  const log = (s: string) => console.error(s);
  const machine = describeMachine();
  const loadBefore = os.loadavg()[0]!;
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-actions-'));
  chmodSync(workDir, 0o755);
  const dataDir = path.join(workDir, 'pg-data');
  mkdirSync(dataDir, { mode: 0o755 });
  const server = await startEmbeddedPostgres({ dataDir, password: randomBytes(12).toString('hex'), database: 'bt' });
  const agents = Array.from({ length: count }, (_, i) => ({
    id: `agt_${String(i + 1).padStart(5, '0')}`,
    name: `Agent ${i + 1}`,
  }));
  const sim = await startPlatformSim({
    principal: PRINCIPAL,
    source: arraySource([]),
    apiKey: READ_KEY,
    actKey: ACT_KEY,
    agents,
    rateLimit: { perMinute },
  });
  try {
    await migrate(server.url);
    const url = await createDatabaseOn(server.url.replace(/\/bt$/, '/postgres'), 'bench_actions', 'bt');
    const db = createDb(url);
    const ana = { id: 'u-ana', label: 'ana@acme.example', role: 'reviewer' };
    const ciso = { id: 'u-cy', label: 'cy@acme.example', role: 'ciso' };
    await createWorkspace(db, ana, { id: WORKSPACE, name: 'Actions bench', kind: 'workspace', principal: PRINCIPAL });
    await db.complianceSource.create({
      data: {
        workspaceId: WORKSPACE,
        baseUrl: sim.url,
        logTypes: ['CUSTOM_AGENTS_LOG'],
        keyCiphertext: seal(SECRET, API_KEY_PURPOSE, READ_KEY),
        actKeyCiphertext: seal(SECRET, ACT_KEY_PURPOSE, ACT_KEY),
        keyOrigin: new URL(sim.url).origin,
        updatedBy: 'bench',
      },
    });
    const targets = agents.map((a) => ({ agentId: null, targetId: a.id, label: a.name }));
    const { batchId } = await requestActions(db, ana, WORKSPACE, {
      kind: 'unpublish_agent',
      targets,
      reason: 'bench: contain the fleet',
    });
    await approveActions(db, ciso, WORKSPACE, { batchId: batchId! });
    log(`bench:actions: ${count} unpublish actions approved as one batch; limit ${perMinute}/min per route`);

    const limiter = createRouteLimiter(perMinute);
    const t0 = Date.now();
    const samples: Sample[] = [{ minute: 0, counts: await counts(db) }];
    let left = count;
    while (left > 0) {
      ({ left } = await runDueActions(db, { secretKey: SECRET, limiter }));
      const minute = Math.floor((Date.now() - t0) / 60_000);
      if (minute > samples.at(-1)!.minute) {
        samples.push({ minute, counts: await counts(db) });
        log(`  minute ${minute}: ${JSON.stringify(samples.at(-1)!.counts)}`);
      }
    }
    const sendMs = Date.now() - t0;
    samples.push({ minute: Math.ceil(sendMs / 60_000), counts: await counts(db) });

    const t1 = Date.now();
    await pullAllSources(url, SECRET);
    const confirmMs = Date.now() - t1;
    const attempts = await db.platformActionAttempt.findMany({ select: { startedAt: true, status: true } });
    const perAgent = new Map<string, number>();
    for (const a of sim.acted) perAgent.set(a.params.agent_id!, (perAgent.get(a.params.agent_id!) ?? 0) + 1);
    const section: Section = {
      actions: count,
      perMinute,
      machine,
      load: [loadBefore, os.loadavg()[0]!],
      sendMs,
      floorMs: Math.ceil(count / perMinute - 1) * 60_000,
      confirmMs,
      acted: perAgent.size,
      actedTwice: [...perAgent.values()].filter((n) => n > 1).length,
      throttled: attempts.filter((a) => a.status === 429).length,
      maxInWindow: maxInWindow(attempts.map((a) => a.startedAt.getTime())),
      statuses: await counts(db),
      samples,
      at: new Date().toISOString(),
    };
    log(`  ${JSON.stringify({ ...section, samples: undefined, machine: undefined })}`);
    await db.$disconnect();
    writeFileSync(path.join(os.tmpdir(), 'tollgate-bench-actions.json'), JSON.stringify(section));
    writeSection(section);
    log('bench:actions: wrote its section of bench/RESULTS.md');
  } finally {
    await sim.close();
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function writeSection(s: Section) {
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const min = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
  const statuses = [...new Set(s.samples.flatMap((x) => Object.keys(x.counts)))].sort();
  const lines = [
    BEGIN,
    `Written by \`npm run bench:actions\` (bench/actions.ts) on ${s.at} — ${s.machine.cpu}, ${s.machine.cores} cores,`,
    `${s.machine.ramGiB} GiB RAM, Node ${s.machine.node}. One-minute load average ${s.load[0].toFixed(2)} before and`,
    `${s.load[1].toFixed(2)} after.`,
    `${int(s.actions)} unpublish actions, approved as one batch, released at once against the simulated platform's`,
    `limit of ${s.perMinute} requests a minute per route; the executor's own limiter keeps under it.`,
    '',
    '| | Figure |',
    '|---|---|',
    row('Sent and answered (wall)', min(s.sendMs)),
    row("The limit's floor (the first minute's requests leave at once)", min(s.floorMs)),
    row('Over the floor', `${min(s.sendMs - s.floorMs)} (${((s.sendMs / s.floorMs - 1) * 100).toFixed(1)}%)`),
    row('Most requests in any 60 s', `${int(s.maxInWindow)} (limit ${s.perMinute})`),
    row('Answered 429 (over the limit)', int(s.throttled)),
    row('Agents acted on / twice', `${int(s.acted)} / ${int(s.actedTwice)}`),
    row('One pull of the logs, confirming', `${int(s.confirmMs)} ms`),
    row(
      'Statuses at the end',
      Object.entries(s.statuses)
        .map(([k, n]) => `${k} ${int(n)}`)
        .join(', '),
    ),
    '',
    'The queue as the Actions page shows it meanwhile (counts per status, sampled each minute):',
    '',
    row('Minute', ...statuses),
    row('---', ...statuses.map(() => '---')),
    ...s.samples.map((x) => row(String(x.minute), ...statuses.map((k) => int(x.counts[k] ?? 0)))),
    END,
  ];
  const text = readFileSync(RESULTS, 'utf8');
  const start = text.indexOf(BEGIN);
  const next =
    start >= 0
      ? `${text.slice(0, start)}${lines.join('\n')}${text.slice(text.indexOf(END) + END.length)}`
      : `${text.trimEnd()}\n\n## 8. Platform actions\n\n${lines.join('\n')}\n`;
  writeFileSync(RESULTS, next);
}
