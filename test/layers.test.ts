// The layers of docs/ARCHITECTURE.md, checked over the real import graph of app/, lib/, cli/ and components/:
// pure → queries → services → entry points, each importing only from the layers before it, and no import
// circle anywhere. Each rule is first run on a small planted graph that breaks it, so the test is seen to fail.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildGraph, chainTo, importCircles, sourceFiles, type Graph } from './import-graph.ts';

const isQueries = (m: string) => /(^|\/)queries\.ts$/.test(m);
/** Writers: services, and the 'use server' actions that are entry points. */
const isWriter = (m: string) => /(^|\/)([\w-]+-)?(service|actions)\.ts$/.test(m);
const isActions = (m: string) => /(^|\/)([\w-]+-)?actions\.ts$/.test(m);
const isDatabaseOrFramework = (m: string) =>
  m === 'lib/db.ts' ||
  m.startsWith('lib/db/') ||
  m.startsWith('lib/generated/') ||
  m.startsWith('pkg:@prisma/') ||
  ['pkg:pg', 'pkg:next', 'pkg:next-auth', 'pkg:react', 'pkg:server-only'].includes(m);

// Pure domain code: no database, no framework, no reads or writes; the CLI, the app and the tests call it alike.
const PURE = [
  /^lib\/trifecta\//,
  /^lib\/oscal\//,
  /^lib\/sarif\//,
  /^lib\/logs\/derive\//,
  /^lib\/csv\//,
  /^lib\/posture\/(rules|score|attestation-state|types)\.ts$/,
  // The framework catalogues (data/frameworks/*.yaml), their checks and scores.
  /^lib\/frameworks\/(parse|checks|catalogues|score|check-shares)\.ts$/,
  // Risk tags of rules and findings (decision 0041), what an alert names, the catalogues as OSCAL names them.
  /^lib\/frameworks\/risk-tags\.ts$/,
  /^lib\/alerts\/risks\.ts$/,
  /^lib\/evidence\/framework-refs\.ts$/,
  // A pack's sources: which rows name events, and the verify's check of them (decision 0039).
  /^lib\/evidence\/sources\/(refs|verify)\.ts$/,
  // The logs routes and a log file's checksum, shared by the puller and the simulator (decision 0039).
  /^lib\/logs\/puller\/definition\.ts$/,
  /^lib\/detections\/(engine|sigma|sigma-tags|rule-file|builtin)\.ts$/,
  /^lib\/apps\/(resolve|legs|fold|types|builtin|catalogue-file|departures|action-lines)\.ts$/,
  /^lib\/roles\/(compare|dimensions|pack)\.ts$/,
  /^lib\/action-control\/(compare|defaults|effect|pack|types|validate)\.ts$/,
  /^lib\/findings\/(evaluate|due|status|filter|labels|types|campaign|gpt)\.ts$/,
  /^lib\/campaigns\/(rules|types)\.ts$/,
  /^lib\/exceptions\/(rules|state|schemas)\.ts$/,
  /^lib\/attachments\/(limits|link|evidence|download)\.ts$/,
  /^lib\/reviews\/(action-map|refusals|trifecta-sends)\.ts$/,
  /^lib\/gpts\/(types|action-schema|legs|legs-wording|config-hash|diff|policy|policy-domains)\.ts$/,
  /^lib\/gpts\/(findings|findings-file-names|file-class|history-view|history-words|action-review|store-hash)\.ts$/,
  // Parsers of hostile input.
  /^lib\/gpts\/(adapter|offline)\.ts$/,
  /^lib\/gpts\/platform\/(definition|parse)\.ts$/,
  /^lib\/platform-sim\/(agents|idempotency|pages|throttle)\.ts$/,
  /^lib\/packs\/jsonc\.ts$/,
  /^lib\/auth\/saml\/(config|metadata|cookies)\.ts$/,
  /^lib\/agents\/(inventory-csv|config-hash|filter)\.ts$/,
  // `tollgate classify --json`'s fast path: a parser of hostile input too.
  /^cli\/(classify-json|classify-cells|span-table)\.ts$/,
  // The import's diff and its risk per row (decision 0037).
  /^lib\/agents\/import\/(diff|preview-risk)\.ts$/,
  /^lib\/roster\/(members-csv|filter)\.ts$/,
  /^lib\/logs\/(event|event-types|partition-plan|store-rows)\.ts$/,
  /^lib\/scim\/(filter|patch|validate|projection)\.ts$/,
  // The data table's URL state and what a filter form keeps of it.
  /^components\/data-table\/(url-state|filter-params)\.ts$/,
  /^lib\/audit\/(chain|redact)\.ts$/,
  /^lib\/platform\/(kinds|answer|limiter|confirm-match)\.ts$/,
  // The keys' test request and what it means, and the stored results read back.
  /^lib\/platform\/(connection|key-tests)\.ts$/,
  /^lib\/platform\/policies\/(rules|platform-view)\.ts$/,
  // The Actions page's view in the URL, and what a request from an agent's or GPT's page acts on.
  /^lib\/platform\/(filter|request-target)\.ts$/,
  // Webhooks: the event list and wire formats, signatures (receivers copy the check), destination rules.
  /^lib\/webhooks\/(events|signature|address|schemas)\.ts$/,
  // The API reference page's model, read from the OpenAPI document.
  /^lib\/api-docs\/reference\.ts$/,
  // Admission control's rules, its setting and its 503 answers (decision 0035); the gate itself is Node's.
  /^lib\/http\/(admission|admission-limit|overload-answer)\.ts$/,
  /^lib\/runtime\/pool-size\.ts$/,
];
const isPure = (m: string) => PURE.some((r) => r.test(m));

const show = (chain: string[]) => chain.join(' → ');

/** A queries module reads: it imports no service or action, directly (types too) or through anything it runs. */
function queriesImportingWriters(graph: Graph): string[] {
  const out: string[] = [];
  for (const file of [...graph.keys()].filter(isQueries)) {
    const direct = graph.get(file)!.find((e) => isWriter(e.to));
    const chain = direct ? [file, direct.to] : chainTo(graph, file, isWriter);
    if (chain) out.push(show(chain));
  }
  return out;
}

/** Pure modules import no database, framework, queries or writers: not directly, and not through another module. */
function impureModules(graph: Graph): string[] {
  const forbidden = (m: string) => isDatabaseOrFramework(m) || isQueries(m) || isWriter(m);
  const out: string[] = [];
  for (const file of [...graph.keys()].filter(isPure)) {
    const direct = graph.get(file)!.find((e) => forbidden(e.to));
    const chain = direct ? [file, direct.to] : chainTo(graph, file, forbidden);
    if (chain) out.push(show(chain));
  }
  return out;
}

/** lib/ is called by entry points, never the other way: it imports nothing from app/, components/ or cli/, and no
 *  service imports a 'use server' actions module. */
function entryPointsImportedFromBelow(graph: Graph): string[] {
  const out: string[] = [];
  for (const [file, edges] of graph) {
    if (!file.startsWith('lib/')) continue;
    for (const e of edges) {
      if (/^(app|components|cli)\//.test(e.to)) out.push(show([file, e.to]));
      else if (!isActions(file) && isActions(e.to)) out.push(show([file, e.to]));
    }
  }
  return out;
}

/** lib/ holds the code the product runs: every module is reached (types count) from an entry point. Tools that only a
 *  script or a test uses (the schema drift check, say) live in scripts/ instead. */
function unusedByTheProduct(graph: Graph, entries: string[]): string[] {
  const reached = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const m = queue.shift()!;
    if (reached.has(m)) continue;
    reached.add(m);
    for (const e of graph.get(m) ?? []) queue.push(e.to);
  }
  return [...graph.keys()].filter((m) => m.startsWith('lib/') && !reached.has(m));
}

/** The database client itself: lib/db.ts, anything under lib/db/, the generated Prisma client, Prisma's packages. */
const isDatabaseClient = (m: string) =>
  m === 'lib/db.ts' || m.startsWith('lib/db/') || m.startsWith('lib/generated/') || m.startsWith('pkg:@prisma/');

/** Entry points under app/ get the database handle from their wrapper (workspacePage, withRoute, publicRoute…):
 *  none imports the client, not even for a type (a type names the handle the wrapper's context already names). */
function appImportingTheDatabase(graph: Graph): string[] {
  const out: string[] = [];
  for (const [file, edges] of graph) {
    if (!file.startsWith('app/')) continue;
    for (const e of edges) if (isDatabaseClient(e.to)) out.push(show([file, e.to]));
  }
  return out;
}

/** A call on the client itself (`db.agent.findMany(`, `db.$transaction(`…): entry points pass the handle on. */
const CLIENT_CALL = new RegExp(
  String.raw`\b(?:db|tx)\s*\.\s*(?:\$[a-zA-Z]+|[a-z]\w*\s*\.\s*` +
    String.raw`(?:find\w*|count|aggregate|groupBy|create\w*|update\w*|upsert|delete\w*))\s*\(`,
);

/** Files under app/ that query or write through the handle their wrapper gave them, instead of calling a feature's
 *  queries or services with it. */
function appCallingTheClient(root: string, files: string[]): string[] {
  return files
    .filter((f) => f.startsWith('app/'))
    .flatMap((f) => {
      const text = readFileSync(path.join(root, f), 'utf8');
      const at = CLIENT_CALL.exec(text)?.index;
      return at === undefined ? [] : [`${f}:${text.slice(0, at).split('\n').length}`];
    });
}

// Prisma turns these into LIKE / ILIKE without escaping "%", "_" and "\\": lib/db/text-match.ts escapes them.
const RAW_TEXT_FILTER = /\b(contains|startsWith|endsWith)\s*:|mode:\s*['"]insensitive['"]/;

/** Files (other than lib/db/text-match.ts) that write a LIKE-backed Prisma filter by hand, as file:line. */
function rawTextFilters(root: string, files: string[]): string[] {
  return files
    .filter((f) => f !== 'lib/db/text-match.ts' && !f.startsWith('pkg:'))
    .flatMap((f) => {
      const text = readFileSync(path.join(root, f), 'utf8');
      const at = RAW_TEXT_FILTER.exec(text)?.index;
      return at === undefined ? [] : [`${f}:${text.slice(0, at).split('\n').length}`];
    });
}

const circles = (graph: Graph) => importCircles(graph, (m) => !m.startsWith('pkg:')).map(show);

const planted = (edges: Record<string, (string | [string, 'type'])[]>): Graph =>
  new Map(
    Object.entries(edges).map(([from, tos]) => [
      from,
      tos.map((t) => (Array.isArray(t) ? { to: t[0], typeOnly: true } : { to: t, typeOnly: false })),
    ]),
  );

describe('the layer rules, on planted graphs that break them', () => {
  it('finds the circle issue 16 named: findings → roles/service → packs/after-change → findings', () => {
    const graph = planted({
      'lib/findings/sync.ts': ['lib/findings/snapshot.ts'],
      'lib/findings/snapshot.ts': ['lib/roles/service.ts', 'lib/trifecta/classify.ts'],
      'lib/roles/service.ts': ['lib/packs/after-change.ts', 'lib/db.ts'],
      'lib/packs/after-change.ts': ['lib/findings/sync.ts'],
      'lib/trifecta/classify.ts': [],
    });
    expect(circles(graph)).toEqual([
      'lib/findings/snapshot.ts → lib/roles/service.ts → lib/packs/after-change.ts → lib/findings/sync.ts' +
        ' → lib/findings/snapshot.ts',
    ]);
  });

  it('ignores a circle made only of type imports (erased before anything runs)', () => {
    const graph = planted({ 'lib/a/types.ts': [['lib/b/types.ts', 'type']], 'lib/b/types.ts': ['lib/a/types.ts'] });
    expect(circles(graph)).toEqual([]);
  });

  it('refuses a queries.ts that imports a service, directly, by type, or through a module it runs', () => {
    const graph = planted({
      'lib/roles/queries.ts': ['lib/roles/service.ts'],
      'lib/apps/queries.ts': [['lib/apps/service.ts', 'type']],
      'lib/alerts/queries.ts': ['lib/alerts/helper.ts'],
      'lib/alerts/helper.ts': ['lib/reviews/policy-actions.ts'],
      // Runs apps/queries, whose only link to a service is a type (erased): allowed.
      'lib/agents/queries.ts': ['lib/apps/queries.ts', 'lib/db.ts'],
    });
    expect(queriesImportingWriters(graph)).toEqual([
      'lib/roles/queries.ts → lib/roles/service.ts',
      'lib/apps/queries.ts → lib/apps/service.ts',
      'lib/alerts/queries.ts → lib/alerts/helper.ts → lib/reviews/policy-actions.ts',
    ]);
  });

  it('refuses a pure module that reaches the database, Prisma, Next or a writer', () => {
    const graph = planted({
      'lib/trifecta/classify.ts': ['lib/trifecta/types.ts', 'lib/apps/resolve.ts'],
      'lib/trifecta/types.ts': [['lib/generated/prisma/client.ts', 'type']],
      'lib/apps/resolve.ts': ['lib/apps/helper.ts'],
      'lib/apps/helper.ts': ['pkg:next'],
      'lib/posture/score.ts': ['lib/posture/types.ts'],
      'lib/posture/types.ts': [],
    });
    expect(impureModules(graph)).toEqual([
      'lib/trifecta/classify.ts → lib/apps/resolve.ts → lib/apps/helper.ts → pkg:next',
      'lib/trifecta/types.ts → lib/generated/prisma/client.ts',
      'lib/apps/resolve.ts → lib/apps/helper.ts → pkg:next',
    ]);
  });

  it('refuses lib/ importing an entry point, and a service importing actions', () => {
    const graph = planted({
      'lib/roles/service.ts': ['lib/roles/actions.ts', 'lib/roles/queries.ts'],
      'lib/format.ts': ['components/ui/badge.tsx'],
      'lib/roles/actions.ts': ['lib/roles/service.ts'],
      'app/(dashboard)/roles/page.tsx': ['lib/roles/actions.ts'],
    });
    expect(entryPointsImportedFromBelow(graph)).toEqual([
      'lib/roles/service.ts → lib/roles/actions.ts',
      'lib/format.ts → components/ui/badge.tsx',
    ]);
  });

  it('refuses a lib/ module only a script or a test uses (as lib/db/drift/ was, for migration-diff)', () => {
    const graph = planted({
      'app/page.tsx': ['lib/db.ts', ['lib/apps/types.ts', 'type']],
      'lib/db.ts': [],
      'lib/apps/types.ts': [],
      'lib/db/drift/check.ts': ['lib/db.ts', 'lib/db/drift/diff.ts'],
      'lib/db/drift/diff.ts': [],
    });
    expect(unusedByTheProduct(graph, ['app/page.tsx'])).toEqual(['lib/db/drift/check.ts', 'lib/db/drift/diff.ts']);
  });
});

describe('no file under app/ imports the database client', () => {
  it('refuses a planted page, route and component that import lib/db, lib/db/… or the Prisma client', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'layers-app-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const files: Record<string, string> = {
      'app/(dashboard)/x/page.tsx': "import type { Db } from '@/lib/db.ts';\nexport const p = (db: Db) => db;",
      'app/api/y/route.ts': "import { Prisma } from '../../../lib/generated/prisma/client.ts';\nexport { Prisma };",
      'app/(dashboard)/x/_components/panel.tsx':
        "import { createDatabaseOn } from '@/lib/db/embedded';\nexport { createDatabaseOn };",
      'app/api/z/route.ts': "import { PrismaClient } from '@prisma/client';\nexport { PrismaClient };",
      // Allowed: a feature's reads, which themselves use the client, and the wrapper that hands it over.
      'app/(dashboard)/ok/page.tsx': "import { list } from '@/lib/x/queries.ts';\nexport { list };",
      'lib/x/queries.ts': "import { db } from '../db.ts';\nexport const list = () => db;",
      'lib/db.ts': 'export const db = 1;\nexport type Db = number;',
      'lib/db/embedded.ts': 'export const createDatabaseOn = 1;',
      'lib/generated/prisma/client.ts': 'export const Prisma = 1;',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    expect(appCallingTheClient(root, sourceFiles(root, ['app']))).toEqual([]);
    const graph = buildGraph(root, sourceFiles(root, ['app', 'lib']));
    expect(appImportingTheDatabase(graph).sort()).toEqual([
      'app/(dashboard)/x/_components/panel.tsx → lib/db/embedded.ts',
      'app/(dashboard)/x/page.tsx → lib/db.ts',
      'app/api/y/route.ts → lib/generated/prisma/client.ts',
      'app/api/z/route.ts → pkg:@prisma/client',
    ]);
  });
});

describe('no file under app/ calls the database client itself', () => {
  it('finds a planted page or route that queries or opens a transaction with its handle', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'layers-client-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const files: Record<string, string> = {
      'app/a/page.tsx': 'const rows = await db.agent.findMany({});',
      'app/b/route.ts': "export const GET = withRoute('x', async ({ db }) => {\n  await db.$transaction(() => 1);\n});",
      'app/c/route.ts': 'await db\n  .auditEvent.count({});',
      // Passing the handle on is the rule: a query or service gets it.
      'app/ok/page.tsx': 'const rows = await listAgents(db, id);\nconst n = await recordAccess(db, actor, input);',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    expect(appCallingTheClient(root, sourceFiles(root, ['app']))).toEqual([
      'app/a/page.tsx:1',
      'app/b/route.ts:2',
      'app/c/route.ts:1',
    ]);
  });
});

describe('text filters go through lib/db/text-match.ts', () => {
  it('finds a planted query that writes contains, startsWith or mode insensitive by hand', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'layers-like-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const files: Record<string, string> = {
      'lib/a/queries.ts': "const w = { name: { contains: q, mode: 'insensitive' } };",
      'lib/b/queries.ts': 'const w = {\n  action: { startsWith: f.action } };',
      'lib/c/queries.ts': "const w = { userName: { equals: v, mode: 'insensitive' } };",
      'lib/db/text-match.ts': "export const containsText = (v: string) => ({ contains: v, mode: 'insensitive' });",
      'lib/ok/queries.ts': 'const w = { name: containsText(q), email: equalsIgnoringCase(e) };',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    expect(rawTextFilters(root, Object.keys(files))).toEqual([
      'lib/a/queries.ts:1',
      'lib/b/queries.ts:2',
      'lib/c/queries.ts:1',
    ]);
  });
});

describe('the graph reader', () => {
  it('tells runtime imports from type-only ones, resolves @/ and dynamic imports, and skips comments and tests', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const files: Record<string, string> = {
      'lib/a/queries.ts': [
        "import type { Db } from '../db.ts';",
        "import { b, type B } from '@/lib/b/service';",
        "// import { c } from '../c/service.ts';",
        "export { d } from './d.ts';",
        "export const load = () => import('../e/actions.ts');",
        'export const x: B = b;',
      ].join('\n'),
      'lib/db.ts': 'export type Db = object;',
      'lib/b/service.ts': 'export type B = number;\nexport const b = 1;',
      'lib/a/d.ts': 'export const d = 1;',
      'lib/e/actions.ts': 'export {};',
      'lib/a/queries.test.ts': "import { b } from '../b/service.ts';",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const graph = buildGraph(root, sourceFiles(root, ['lib']));
    expect([...graph.keys()]).not.toContain('lib/a/queries.test.ts');
    expect(graph.get('lib/a/queries.ts')).toEqual([
      { to: 'lib/db.ts', typeOnly: true },
      { to: 'lib/b/service.ts', typeOnly: false },
      { to: 'lib/a/d.ts', typeOnly: false },
      { to: 'lib/e/actions.ts', typeOnly: false },
    ]);
    expect(queriesImportingWriters(graph)).toEqual(['lib/a/queries.ts → lib/b/service.ts']);
  });
});

describe('the import graph of this tree', () => {
  const root = path.resolve(import.meta.dirname, '..');
  // The product's own entry points besides app/ and cli/: the server start, Next's proxy and instrumentation, Auth.js.
  const rootEntries = [
    'scripts/start.ts',
    'scripts/runtime.ts',
    'scripts/build.ts',
    'proxy.ts',
    'instrumentation.ts',
    'auth.ts',
  ];
  const graph = buildGraph(root, [...sourceFiles(root, ['app', 'lib', 'cli', 'components']), ...rootEntries]);

  it('reads the tree: hundreds of modules, the pure ones among them', () => {
    expect(graph.size).toBeGreaterThan(300);
    expect([...graph.keys()].filter(isPure).length).toBeGreaterThan(50);
    expect(graph.get('lib/findings/sync.ts')?.some((e) => e.to === 'lib/findings/snapshot.ts')).toBe(true);
  });

  it('has no import circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('has no queries.ts importing a service or an action', () => {
    expect(queriesImportingWriters(graph)).toEqual([]);
  });

  it('keeps pure modules free of the database, Prisma, Next and the other layers', () => {
    expect(impureModules(graph)).toEqual([]);
  });

  it('has no file under app/ importing lib/db, lib/db/…, the generated Prisma client or @prisma/*', () => {
    expect([...graph.keys()].filter((m) => m.startsWith('app/')).length).toBeGreaterThan(100);
    expect(appImportingTheDatabase(graph)).toEqual([]);
  });

  it('has no file under app/ calling the database client itself (a query or a transaction on its handle)', () => {
    expect(appCallingTheClient(root, [...graph.keys()])).toEqual([]);
  });

  it('writes no LIKE-backed text filter by hand (contains, startsWith, endsWith, mode insensitive)', () => {
    expect(rawTextFilters(root, [...graph.keys()])).toEqual([]);
  });

  it('never imports an entry point from lib/, nor actions from a service', () => {
    expect(entryPointsImportedFromBelow(graph)).toEqual([]);
  });

  it('keeps in lib/ only modules the product runs', () => {
    const entries = [...graph.keys()].filter((m) => !m.startsWith('lib/'));
    expect(unusedByTheProduct(graph, entries)).toEqual([]);
  });
});
