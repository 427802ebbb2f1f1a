// Classification benchmark: the real CLI (`node bin/tollgate.mjs classify FILE --json`) as a child process,
// wall time from spawn to exit with stdout going to a file, on the bench's export and on a 1M-agent one (the goal of
// issue 20), side by side with the guide's 6.04 bash loop (bench/peers/guide-6.04-detect-trifecta.sh) on a slice of
// the same export. `npx tsx bench/classify-run.ts` runs it alone and writes §1 of bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(import.meta.dirname, '..');
const CLI = path.join(root, 'bin', 'tollgate.mjs');
const PEER = path.join(root, 'bench', 'peers', 'guide-6.04-detect-trifecta.sh');
const BUNDLE = path.join(root, 'node_modules', '.cache', 'tollgate-cli', 'classify-main.mjs');

/** Runs a command with stdout to `outFile`; resolves with the wall time. Exit codes outside `ok` are errors. */
function timed(command: string, args: string[], outFile: string, ok: number[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = openSync(outFile, 'w');
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      closeSync(out);
      if (code === null || !ok.includes(code))
        reject(new Error(`${path.basename(args[0] ?? command)} exited ${code}: ${stderr.trim()}`));
      else resolve(ms);
    });
  });
}

/** `tollgate classify` exits 1 when it finds a trifecta agent: expected here. */
const runCli = (file: string, outFile: string) =>
  timed(process.execPath, [CLI, 'classify', file, '--json'], outFile, [0, 1]);
const runPeer = (file: string, outFile: string) => timed('bash', [PEER, file], outFile, [0]);

/** In-process phases of the same code path, in a fresh Node (attribution only). */
function phases(file: string, outFile: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'bench', 'classify-phases.ts'), file, outFile],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`classify-phases exited ${code}: ${stderr}`)),
    );
  });
}

export type ClassifyResult = {
  agents: number;
  /** The same CLI on the 1M-agent export. */
  largeAgents: number;
  largeMs: number[];
  sliceAgents: number;
  bundleBuiltByWarmup: boolean;
  warmupMs: number;
  cliMs: number[];
  tinyCliMs: number[];
  peerMs: number[];
  trifectaTollgateSlice: number;
  trifectaPeerSlice: number;
  phases: Record<string, number>;
};

export async function benchClassify(options: {
  workDir: string;
  fullCsv: string;
  sliceCsv: string;
  tinyCsv: string;
  /** A larger export (1M agents) run `largeRuns` times; without it the bench's own export stands in. */
  largeCsv?: string;
  largeAgents?: number;
  largeRuns?: number;
  agents: number;
  sliceAgents: number;
  cliRuns: number;
  peerRuns: number;
  log: (line: string) => void;
}): Promise<ClassifyResult> {
  const { workDir, log } = options;
  const out = path.join(workDir, 'classify-out.json');
  const bundleBuiltByWarmup = !existsSync(BUNDLE);
  const warmupMs = await runCli(options.fullCsv, out);
  log(`  warm-up: ${warmupMs.toFixed(0)} ms${bundleBuiltByWarmup ? ' (built the esbuild bundle cache)' : ''}`);
  const printed = countRows(out);
  if (printed !== options.agents) throw new Error(`classify printed ${printed} agents, expected ${options.agents}`);

  const cliMs: number[] = [];
  for (let i = 0; i < options.cliRuns; i++) {
    cliMs.push(await runCli(options.fullCsv, out));
    log(`  tollgate classify ${options.agents}: ${cliMs.at(-1)!.toFixed(0)} ms`);
  }
  // The fixed cost of a run (Node start, bundle load, catalogue), on a one-agent file.
  const tinyCliMs: number[] = [];
  for (let i = 0; i < 3; i++) tinyCliMs.push(await runCli(options.tinyCsv, path.join(workDir, 'classify-tiny.json')));

  const peerOut = path.join(workDir, 'peer-out.txt');
  const peerMs: number[] = [];
  for (let i = 0; i < options.peerRuns; i++) {
    peerMs.push(await runPeer(options.sliceCsv, peerOut));
    log(`  guide 6.04 loop ${options.sliceAgents}: ${peerMs.at(-1)!.toFixed(0)} ms`);
  }
  const trifectaPeerSlice = readFileSync(peerOut, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('FAIL 6.4 TRIFECTA:')).length;
  const sliceOut = path.join(workDir, 'classify-slice.json');
  await runCli(options.sliceCsv, sliceOut);
  const trifectaTollgateSlice = (JSON.parse(readFileSync(sliceOut, 'utf8')) as { trifecta: boolean }[]).filter(
    (r) => r.trifecta,
  ).length;

  const largeCsv = options.largeCsv ?? options.fullCsv;
  const largeAgents = options.largeCsv ? (options.largeAgents ?? 0) : options.agents;
  const largeOut = path.join(workDir, 'classify-large.json');
  let largeMs = cliMs;
  if (options.largeCsv) {
    largeMs = [];
    for (let i = 0; i < (options.largeRuns ?? 3); i++) {
      largeMs.push(await runCli(largeCsv, largeOut));
      log(`  tollgate classify ${largeAgents}: ${largeMs.at(-1)!.toFixed(0)} ms`);
    }
    const printed = countRows(largeOut);
    if (printed !== largeAgents) throw new Error(`classify printed ${printed} agents, expected ${largeAgents}`);
  }
  const phaseMs = await phases(largeCsv, path.join(workDir, 'classify-phases.json'));
  return {
    agents: options.agents,
    largeAgents,
    largeMs,
    sliceAgents: options.sliceAgents,
    bundleBuiltByWarmup,
    warmupMs,
    cliMs,
    tinyCliMs,
    peerMs,
    trifectaTollgateSlice,
    trifectaPeerSlice,
    phases: phaseMs,
  };
}

/** Agents in the CLI's JSON: one a line (a 1M-agent output is ~270 MB, too large to parse whole here). */
function countRows(file: string): number {
  let n = 0;
  const text = readFileSync(file, 'latin1');
  for (let i = text.indexOf('\n{"agent_id"'); i !== -1; i = text.indexOf('\n{"agent_id"', i + 1)) n++;
  return n;
}
