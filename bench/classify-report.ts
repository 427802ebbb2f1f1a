// §1 of bench/RESULTS.md and its summary row, from a classification benchmark run (bench/classify.ts): written by
// `npm run bench` (bench/run.ts) and by `npx tsx bench/classify-run.ts` alone.
import type { ClassifyResult } from './classify.ts';
import { row } from './markdown.ts';

export const CLASSIFY_GOAL = 1000; // × the guide loop's agents/s, at least (issue 20: on 1M agents, start-up included)

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const best = (xs: number[]) => Math.min(...xs);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${int(n)} ms`;
const times = (n: number) => `${n >= 100 ? int(n) : n.toFixed(1)}×`;

const PARSE_STEP =
  'check every row and classify it (one pass keeping offsets into the text, each distinct apps cell classified once)';

export function rates(c: ClassifyResult) {
  const guide = c.sliceAgents / (median(c.peerMs) / 1000);
  const guideBest = c.sliceAgents / (best(c.peerMs) / 1000);
  const large = c.largeAgents / (median(c.largeMs) / 1000);
  const largeBest = c.largeAgents / (best(c.largeMs) / 1000);
  const small = c.agents / (median(c.cliMs) / 1000);
  return { guide, large, ratio: large / guide, ratioBest: largeBest / guideBest, small };
}

/** The summary table's row. */
export function classifySummaryRow(c: ClassifyResult): string {
  const r = rates(c);
  return row(
    `Classification: \`tollgate classify --json\` on ${int(c.largeAgents)} agents vs the guide's 6.04 loop`,
    `${int(r.large)} vs ${int(r.guide)} agents/s = **${times(r.ratio)}**`,
    `≥ ${int(CLASSIFY_GOAL)}×`,
    r.ratio >= CLASSIFY_GOAL ? '**met**' : '**not met**',
  );
}

/** The section, from its heading to the line before §2. */
export function renderClassify(c: ClassifyResult, load: number): string {
  const r = rates(c);
  const p = c.phases;
  const warmup = c.bundleBuiltByWarmup
    ? 'it built the esbuild bundle cache in node_modules/.cache/tollgate-cli'
    : 'the esbuild bundle cache was already built';
  const cliRow = (agents: number, runs: number[]) =>
    row(
      'tollgate classify --json',
      int(agents),
      `${runs.map((t) => int(t)).join(', ')} ms`,
      ms(best(runs)),
      ms(median(runs)),
      int(agents / (median(runs) / 1000)),
      times(agents / (median(runs) / 1000) / r.guide),
    );
  const guideRow = row(
    'guide 6.04 bash loop',
    int(c.sliceAgents),
    `${c.peerMs.map((t) => int(t)).join(', ')} ms`,
    ms(best(c.peerMs)),
    ms(median(c.peerMs)),
    int(r.guide),
    '1×',
  );
  return `## 1. Classification

\`node bin/tollgate.mjs classify FILE --json\` as a child process, wall time from spawn to exit (Node's start-up
included), stdout to a file, on a ${int(c.largeAgents)}-agent export from the same generator (the goal of issue 20)
and on the bench's ${int(c.agents)}-agent one. One warm-up run first (${ms(c.warmupMs)}; ${warmup}), not counted.
The guide's loop (bench/peers/guide-6.04-detect-trifecta.sh) runs in the same bench on the first
${int(c.sliceAgents)} agents of the same export: at its measured rate, ${int(c.largeAgents)} agents would take
${int(c.largeAgents / r.guide / 3600)} hours. One-minute load average before the bench: ${load.toFixed(1)}${
    load > 1 ? ' (other work was running on the 2 cores: the figures are upper bounds, the loop slows down too)' : ''
  }.

| | Agents | Runs (wall) | Best | Median | Agents/s (median) | × the guide's loop |
|---|---|---|---|---|---|---|
${cliRow(c.largeAgents, c.largeMs)}
${cliRow(c.agents, c.cliMs)}
${guideRow}

Ratio at ${int(c.largeAgents)} agents: ${times(r.ratio)} on medians (${times(r.ratioBest)} on best runs); the goal is
≥ ${int(CLASSIFY_GOAL)}×, i.e. at least ${int(CLASSIFY_GOAL * r.guide)} agents/s here,
${ms((c.largeAgents / (CLASSIFY_GOAL * r.guide)) * 1000)} for the whole file.

Where a ${int(c.largeAgents)}-agent run's time goes (the steps of cli/classify.ts's fast path,
cli/classify-json.ts, timed one by one in a fresh Node process through tsx; attribution only, the goal is judged on
the end-to-end runs above):

| Step | Time |
|---|---|
| Node start, bundle load, catalogue (a one-agent file, end to end) | ${ms(median(c.tinyCliMs))} |
| read the file | ${ms(p.read ?? 0)} |
${row(`${PARSE_STEP}, sort by agent id`, ms(p.parse ?? 0))}
| build the JSON, in ~1 MB pieces | ${ms(p.json ?? 0)} |
| write the pieces as they are made | ${ms(p.write ?? 0)} |
| peak RSS of that process | ${int(p.memoryMb ?? 0)} MB |

Any export the fast path would not read exactly as the full parser (quoting, a row with a problem, text that is not
UTF-8) goes through the full parser (papaparse, row objects, the same output): cli/classify-json.test.ts holds the
two byte for byte, on generated exports and on random ones.

Trifecta agents found on the ${int(c.sliceAgents)}-agent slice: Tollgate ${int(c.trifectaTollgateSlice)},
the guide's loop ${int(c.trifectaPeerSlice)}.
They disagree because the loop greps lowercase ids (\`gmail\`, \`google-drive\`) case-sensitively as substrings of the
whole apps cell: an export that writes display names (\`Gmail\`, \`Google Drive\`) matches none of them, while a
substring such as \`github\` inside \`mcp:github-mirror\` does match. Tollgate resolves whole names after folding
(case, spaces, hyphens) and counts an unclassified \`mcp:\` server as all three legs. The loop's count is not a
reference for correctness.
`;
}
