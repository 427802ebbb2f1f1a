// A GPT action's OpenAPI document (JSON or YAML, OpenAPI 3.0 or 3.1) → its servers and operations, with the
// rule ChatGPT applies to decide which calls it confirms with the user. The document is hostile input: size
// and depth are bounded before any parser sees it, forbidden keys are refused, and no `$ref` outside the
// document is followed (never the network, never the file system). A document that cannot be read makes the
// action `unknown`, with one sentence saying why; it then counts for every trifecta leg (lib/gpts/legs.ts).
import { createHash } from 'node:crypto';
import { dereference, type ParserOptions } from '@readme/openapi-parser';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { findJsonProblem, MAX_JSON_DEPTH, tooDeepAt } from '@/lib/http/safe-json.ts';
import { normalizeDomain } from '@/lib/gpts/policy-domains.ts';
import {
  HTTP_METHODS,
  type GptAction,
  type GptActionServer,
  type GptOperation,
  type HttpMethod,
} from '@/lib/gpts/types.ts';

export type ActionSchemaResult = Pick<
  GptAction,
  'schemaStatus' | 'schemaProblem' | 'schemaSha256' | 'servers' | 'operations'
>;

export const MAX_SCHEMA_BYTES = 1024 * 1024;
export const MAX_OPERATIONS = 500;
export const MAX_NODES = 200_000;
const MAX_ALIASES = 20;
/** Leading spaces of a YAML line: block nesting the parser would recurse into, bounded like flow nesting. */
const MAX_INDENT = 8 * MAX_JSON_DEPTH;

const PARSER_OPTIONS: ParserOptions = {
  // Belt and braces: external references are refused before the parser runs (externalRef below).
  resolve: { external: false, file: false },
  dereference: { circular: 'ignore' },
  timeoutMs: 2000,
};

/** ChatGPT's rule: the declared `x-openai-isConsequential` when it is a boolean; absent, every method but GET. */
export function consequentialOf(
  method: HttpMethod,
  declared: unknown,
): Pick<GptOperation, 'consequential' | 'consequentialDeclared'> {
  if (typeof declared === 'boolean') return { consequential: declared, consequentialDeclared: declared };
  return { consequential: method !== 'GET', consequentialDeclared: null };
}

export async function parseActionSchema(text: string | null | undefined): Promise<ActionSchemaResult> {
  if (text == null || text.trim() === '') return unknown(null, 'No OpenAPI schema was recorded for this action.');
  const sha = createHash('sha256').update(text).digest('hex');
  const read = readDocument(text);
  if (typeof read === 'string') return unknown(sha, read);
  let doc: unknown;
  try {
    doc = await dereference(read as never, PARSER_OPTIONS);
  } catch (error) {
    return unknown(sha, `Its references cannot be resolved (${clip(firstLine(error))}).`);
  }
  const shape = shapeOf(doc as Record<string, unknown>);
  if (typeof shape === 'string') return unknown(sha, shape);
  return { schemaStatus: 'parsed', schemaProblem: null, schemaSha256: sha, ...shape };
}

function unknown(sha: string | null, problem: string): ActionSchemaResult {
  return { schemaStatus: 'unknown', schemaProblem: problem, schemaSha256: sha, servers: [], operations: [] };
}

/** The parsed document, or why it cannot be used (a sentence). */
function readDocument(text: string): Record<string, unknown> | string {
  if (Buffer.byteLength(text) > MAX_SCHEMA_BYTES) return 'The schema is larger than 1 MiB.';
  if (tooDeepAt(text) >= 0) return `The schema is nested deeper than ${MAX_JSON_DEPTH} levels.`;
  let value: unknown;
  if (text.trimStart().startsWith('{')) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      return `The schema is not valid JSON (${clip(firstLine(error))}).`;
    }
  } else {
    if (text.split('\n').some((line) => line.length - line.trimStart().length > MAX_INDENT))
      return `The schema is indented deeper than ${MAX_INDENT} columns.`;
    try {
      // js-yaml rather than `yaml` (used elsewhere): about 5× faster on these documents, which matters for
      // thousands of distinct schemas a read. Core schema: no timestamps, binaries or merge keys.
      value = loadYaml(text, { schema: CORE_SCHEMA, maxDepth: MAX_JSON_DEPTH, maxAliases: MAX_ALIASES });
    } catch (error) {
      return `The schema is neither valid JSON nor valid YAML (${clip(firstLine(error))}).`;
    }
  }
  // Aliases share one object between places: count every place, so a few aliases of a large node cannot make
  // the walks below (and the reference resolver) visit millions of nodes.
  if (!withinNodes(value, MAX_NODES)) return `The schema expands to more than ${MAX_NODES} values.`;
  const problem = findJsonProblem(value);
  if (problem) return `The schema is refused: ${problem.message.replace(/\.$/, '')}.`;
  if (!isObject(value)) return 'The schema is not an OpenAPI document (it is not an object).';
  if (typeof value.swagger === 'string') return 'The schema is Swagger 2.0; GPT actions need OpenAPI 3.0 or 3.1.';
  if (typeof value.openapi !== 'string' || !/^3\.[01]\.\d+$/.test(value.openapi))
    return 'The schema does not state OpenAPI version 3.0 or 3.1.';
  const external = externalRef(value);
  if (external !== null) return `The schema refers to another document (${clip(external)}), which is never fetched.`;
  return value;
}

/** Whether the value, counting a shared node at each place it appears, has at most `limit` values. */
function withinNodes(root: unknown, limit: number): boolean {
  const stack = [root];
  let count = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (++count > limit) return false;
    if (typeof value === 'object' && value !== null) for (const child of Object.values(value)) stack.push(child);
  }
  return true;
}

/** The first `$ref` that does not point inside the document, or null. Iterative: depth is already bounded. */
function externalRef(root: unknown): string | null {
  const stack = [root];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && !child.startsWith('#')) return child;
      stack.push(child);
    }
  }
  return null;
}

function shapeOf(doc: Record<string, unknown>): Pick<ActionSchemaResult, 'servers' | 'operations'> | string {
  const servers = new Map<string, GptActionServer>();
  const addServers = (list: unknown): string | null => {
    if (list === undefined) return null;
    if (!Array.isArray(list)) return 'Its `servers` is not a list.';
    for (const entry of list) {
      const server = serverOf(entry);
      if (typeof server === 'string') return server;
      servers.set(server.url, server);
    }
    return null;
  };
  const top = addServers(doc.servers);
  if (top) return top;
  const paths = doc.paths ?? {};
  if (!isObject(paths)) return 'Its `paths` is not an object.';
  const operations: GptOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/')) return `The path "${clip(path)}" does not start with "/".`;
    if (!isObject(item) || typeof item.$ref === 'string') return `The path item of "${clip(path)}" cannot be read.`;
    const pathServers = addServers(item.servers);
    if (pathServers) return pathServers;
    for (const method of HTTP_METHODS) {
      const op = item[method.toLowerCase()];
      if (op === undefined) continue;
      if (!isObject(op)) return `The operation ${method} ${clip(path)} is not an object.`;
      const opServers = addServers(op.servers);
      if (opServers) return opServers;
      operations.push({
        method,
        path,
        operationId: typeof op.operationId === 'string' ? op.operationId : null,
        ...consequentialOf(method, op['x-openai-isConsequential']),
      });
      if (operations.length > MAX_OPERATIONS) return `The schema declares more than ${MAX_OPERATIONS} operations.`;
    }
  }
  const methodOrder = (m: HttpMethod) => HTTP_METHODS.indexOf(m);
  operations.sort((a, b) => compare(a.path, b.path) || methodOrder(a.method) - methodOrder(b.method));
  return { servers: [...servers.values()].sort((a, b) => compare(a.url, b.url)), operations };
}

/** A server with its variables replaced by their defaults; it must be an absolute http(s) URL with a host. */
function serverOf(entry: unknown): GptActionServer | string {
  if (!isObject(entry) || typeof entry.url !== 'string') return 'A server has no `url`.';
  const url = entry.url;
  const variables = isObject(entry.variables) ? entry.variables : {};
  const resolved = url.replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const variable = Object.hasOwn(variables, name) ? variables[name] : undefined;
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole;
  });
  if (/[{}]/.test(resolved)) return `The server URL "${clip(url)}" has a variable without a default.`;
  let parsed: URL;
  try {
    parsed = new URL(resolved);
  } catch {
    return `The server URL "${clip(url)}" is not an absolute URL.`;
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme !== 'https' && scheme !== 'http') return `The server URL "${clip(url)}" is neither https nor http.`;
  const domain = normalizeDomain(parsed.hostname);
  if (domain === '') return `The server URL "${clip(url)}" names no host.`;
  return { url, scheme, domain };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim().replace(/\.$/, '');
}

function clip(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
