// `tollgate classify --format sarif`: the classified export as one SARIF 2.1.0 run, for GitHub code scanning and
// other SARIF viewers. Pure and deterministic: the same file and catalogue give the same bytes.
import { createHash } from 'node:crypto';
import type { InventoryRow } from '@/lib/agents/inventory-csv.ts';
import { LEG_LABELS, LEGS } from '@/lib/apps/legs.ts';
import { appKey } from '@/lib/apps/resolve.ts';
import type { Classification } from '@/lib/trifecta/types.ts';
import { CLASSIFY_RULES, RULE } from './rules.ts';
import type { SarifArtifactLocation, SarifLog, SarifResult } from './types.ts';

/** The OASIS standard's schema (errata 01), as committed in data/schemas/sarif-2.1.0.json. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const TOLLGATE_URI = 'https://tollgate.dev';
/** The partialFingerprints key: versioned, so a change of what it hashes can take a new name. */
export const FINGERPRINT_KEY = 'tollgateAgentRuleApp/v1';

export type ClassifySarifInput = {
  classified: { row: InventoryRow; result: Classification }[];
  /** The classified file: where it is (see artifactLocation) and its bytes, for the hash. */
  artifact: { location: SarifArtifactLocation; bytes: Uint8Array };
  toolVersion: string;
  catalogueProfile: string;
};

const RESULTS = '\u0000results\u0000';

/**
 * The log as text, in pieces: the run pretty-printed, one result per line (readable, diffable, and a fleet of
 * 100,000 agents never becomes one string or one object tree in memory).
 */
export function* classifySarifText(input: ClassifySarifInput): Generator<string> {
  const head = JSON.stringify(runLog(input), null, 2);
  const placeholder = `${JSON.stringify(RESULTS)}`;
  const at = head.indexOf(placeholder);
  yield `${head.slice(0, at)}[`;
  let first = true;
  for (const result of classifyResults(input)) {
    yield `${first ? '' : ','}\n${JSON.stringify(result)}`;
    first = false;
  }
  yield `${first ? '' : '\n'}]${head.slice(at + placeholder.length)}\n`;
}

/** Everything but the results, which stand as a placeholder string where classifySarifText writes them. */
function runLog(input: ClassifySarifInput): SarifLog {
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Tollgate',
            version: input.toolVersion,
            semanticVersion: input.toolVersion,
            informationUri: TOLLGATE_URI,
            rules: [...CLASSIFY_RULES],
          },
        },
        artifacts: [
          {
            location: input.artifact.location,
            length: input.artifact.bytes.length,
            mimeType: 'text/csv',
            hashes: { 'sha-256': createHash('sha256').update(input.artifact.bytes).digest('hex') },
          },
        ],
        results: RESULTS as unknown as SarifResult[],
        properties: { catalogueProfile: input.catalogueProfile },
      },
    ],
  };
}

/** Rows come sorted by agent id; within an agent the rules' order, then the apps' (already sorted). */
function* classifyResults(input: ClassifySarifInput): Generator<SarifResult> {
  const location = { ...input.artifact.location, index: 0 };
  const result = (row: InventoryRow, rule: number, app: string, text: string): SarifResult => ({
    ruleId: CLASSIFY_RULES[rule]!.id,
    ruleIndex: rule,
    level: CLASSIFY_RULES[rule]!.defaultConfiguration.level,
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: location, region: { startLine: row.line } } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(row.agentId, CLASSIFY_RULES[rule]!.id, app) },
    properties: app === '' ? { agentId: row.agentId } : { agentId: row.agentId, app },
  });
  for (const { row, result: c } of input.classified) {
    const agent = `Agent "${oneLine(row.agentName) || row.agentId}" (${row.agentId})`;
    if (c.trifecta) yield result(row, RULE.trifecta, '', trifectaMessage(agent, c));
    for (const app of c.unknownApps)
      yield result(
        row,
        RULE.unknownApp,
        app,
        `${agent} connects ${app}, an app the catalogue does not know: it counts for no leg of the lethal ` +
          'trifecta until it is classified.',
      );
    for (const app of c.unclassifiedMcp)
      yield result(
        row,
        RULE.unclassifiedMcp,
        app,
        `${agent} connects the custom MCP server ${app}, which no reviewer has classified: it counts for all ` +
          'three legs until it is.',
      );
  }
}

function trifectaMessage(agent: string, result: Classification): string {
  const legs = LEGS.map((leg) => `${LEG_LABELS[leg].toLowerCase()} from ${result.legs[leg].join(', ')}`);
  const breaks = result.breakSets.map((set) => set.join(' + ')).join(', or ');
  return `${agent} holds the lethal trifecta: ${legs.join('; ')}. It breaks if you remove ${breaks}.`;
}

/**
 * What makes an alert the same alert across runs: the agent, the rule and the app (folded as the catalogue folds
 * names), never the line, the agent's name or the workspace, which may all change.
 */
export function fingerprint(agentId: string, ruleId: string, app: string): string {
  return createHash('sha256')
    .update(`${agentId}\u0000${ruleId}\u0000${app === '' ? '' : appKey(app)}`)
    .digest('hex');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
