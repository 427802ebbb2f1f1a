// Every route handler and every exported server action, found in the source tree (so a new one
// cannot be forgotten), must authorize in its first lines; then each is called anonymously (401)
// and as every role (403 exactly when the permission table says no), against a real database.
import { mkdtempSync, readFileSync, readdirSync, chmodSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from './db.ts';
import { can, PERMISSIONS, ROLES, type Permission, type Role } from '@/lib/auth/permissions.ts';
import { hashSessionToken } from '@/lib/auth/session-token.ts';
import { entryPermission } from '@/lib/http/entry-permission.ts';
import { isApiEntry } from '@/lib/api/handler.ts';
import { isScimEntry } from '@/lib/scim/routes.ts';

const ISSUER = 'http://localhost:39999';
const state = { cookie: null as string | null };

vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) =>
      name === 'authjs.session-token' && state.cookie ? { name, value: state.cookie } : undefined,
  }),
  headers: async () => new Headers({ 'x-request-id': 'authz-test', 'x-forwarded-for': '127.0.0.1' }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

// Public on purpose: the Auth.js flow itself, liveness, the SCIM documentation, and starting/ending sign-in.
const PUBLIC = new Set([
  'app/api/auth/[...nextauth]/route.ts#GET',
  'app/api/auth/[...nextauth]/route.ts#POST',
  // SAML sign-in (decision 0027): the SP metadata, starting a sign-in, and the IdP's signed answer.
  'app/api/auth/saml/metadata/route.ts#GET',
  'app/api/auth/saml/login/route.ts#GET',
  'app/api/auth/saml/login/route.ts#POST',
  'app/api/auth/saml/acs/route.ts#POST',
  'app/api/health/route.ts#GET',
  'app/scim/docs/route.ts#GET',
  'lib/auth/actions.ts#signInWithSso',
  'lib/auth/actions.ts#signOutEverywhere',
]);
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'generated' || d.name === 'node_modules' ? [] : walk(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.test.ts') ? [p] : [];
  });
}

// `bearer`: a SCIM route, authenticated by a per-workspace SCIM token instead of a session: one of
// `export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes(…)`, each through withScimBearer.
// `wrapped`: the entry is `export const NAME = withRoute('perm', …)` or `formAction('perm', …)`, or scimRoutes'.
type Entry = {
  file: string;
  name: string;
  kind: 'route' | 'action';
  permission: Permission | null;
  bearer?: boolean;
  /** The REST API's catch-all: `export const { GET, … } = apiRoutes()`, an API token instead of a session. */
  api?: boolean;
  wrapped?: boolean;
};

// Entries still allowed to call authorize() themselves instead of going through a wrapper: none is left. Anything
// new must use withRoute or formAction.
const LEGACY: RegExp[] = [];
const isLegacy = (e: Entry) => LEGACY.some((re) => re.test(key(e)));

/** Finds each exported entry and its permission: the wrapper's first argument, or (legacy) authorize() in its first
 *  lines. */
function entriesOf(file: string, kind: Entry['kind']): Entry[] {
  const source = readFileSync(file, 'utf8');
  const entries: Entry[] = [];
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)\s*\([^)]*\)[^{]*\{([\s\S]*?)\n\}/g)) {
    const name = m[1]!;
    if (kind === 'route' && !HTTP_METHODS.includes(name)) continue;
    const firstLines = m[2]!.trim().split('\n').slice(0, 3).join('\n');
    const auth = /await authorize\('([\w:-]+)'\)/.exec(firstLines);
    entries.push({ file, name, kind, permission: (auth?.[1] as Permission) ?? null });
  }
  // The wrapper call may span lines once formatted: a call's first string argument is read across the line break.
  for (const m of source.matchAll(/export\s+const\s+(\w+)\s*=\s*(\w+(?:<[^(]*>)?\(\s*'[\w:-]+'|[^\n]*)/g)) {
    const name = m[1]!;
    if (kind === 'route' && !HTTP_METHODS.includes(name)) continue;
    const wrapper = kind === 'route' ? 'withRoute' : 'formAction';
    const use = new RegExp(`^${wrapper}(?:<[^(]*>)?\\(\\s*'([\\w:-]+)'`).exec(m[2]!.trim());
    entries.push({ file, name, kind, permission: (use?.[1] as Permission) ?? null, wrapped: Boolean(use) });
  }
  // Handlers exported together: SCIM's `= scimRoutes(…)` (a bearer entry each), or Auth.js's `= handlers` (public).
  for (const m of source.matchAll(/export\s+const\s+\{([^}]*)\}\s*=\s*(\w+)/g)) {
    const scim = m[2] === 'scimRoutes';
    const api = m[2] === 'apiRoutes';
    for (const part of m[1]!.split(',')) {
      const name = part.split(':').at(-1)!.trim();
      if (!name || (kind === 'route' && !HTTP_METHODS.includes(name))) continue;
      const door = scim || api ? { bearer: true, wrapped: true, ...(api ? { api: true } : {}) } : {};
      entries.push({ file, name, kind, permission: null, ...door });
    }
  }
  return entries;
}

const files = [...walk('app'), ...walk('lib')];
const routeFiles = files.filter((f) => /\/route\.ts$/.test(f));
const actionFiles = files.filter((f) => /^\s*(\/\/.*\n)*\s*['"]use server['"]/.test(readFileSync(f, 'utf8')));
const routes = routeFiles.flatMap((f) => entriesOf(f, 'route'));
const actions = actionFiles.flatMap((f) => entriesOf(f, 'action'));
const all = [...routes, ...actions];
const key = (e: Entry) => `${e.file}#${e.name}`;

const sessions = new Map<Role | 'none', string>();

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tg-authz-'));
  chmodSync(dataDir, 0o755);
  Object.assign(process.env, {
    DATABASE_URL: await createTestDatabase('authz'),
    OIDC_ISSUER: ISSUER,
    TOLLGATE_DATA_DIR: dataDir,
    TOLLGATE_ROLE_MAP: ROLES.map((r) => `g-${r}=${r}`).join(','),
  });
  const { db } = await import('@/lib/db.ts');
  for (const role of [...ROLES, 'none' as const]) {
    const user = await db().user.create({
      data: {
        issuer: ISSUER,
        subject: `sub-${role}`,
        email: `${role}@example.com`,
        groups: role === 'none' ? ['unmapped'] : [`g-${role}`],
        groupsClaim: true,
      },
    });
    const token = `token-${role}-${Math.random()}`;
    await db().session.create({
      data: { tokenHash: hashSessionToken(token), userId: user.id, expires: new Date(Date.now() + 3600_000) },
    });
    sessions.set(role, token);
  }
});
afterAll(async () => {
  const { db } = await import('@/lib/db.ts');
  await db().$disconnect();
});

async function call(entry: Entry): Promise<number> {
  const mod = (await import(path.resolve(entry.file))) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const fn = mod[entry.name]!;
  if (entry.kind === 'route') {
    // Same-origin, as a browser sends it: mutating handlers check Origin after authorizing. An API entry is asked
    // for a real operation (an unknown path is a 404 before any token is read).
    const url = entry.api ? 'http://localhost:3000/api/v1/workspaces' : 'http://localhost:3000/api/test';
    const request = new Request(url, {
      method: entry.api ? entry.name : 'GET',
      headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
    });
    const res = (await fn(request, { params: Promise.resolve({}) })) as Response;
    return res.status;
  }
  const result = (await fn(null, new FormData())) as { ok: boolean; status?: number };
  return result.ok ? 200 : result.status!;
}

describe('authorization of every route handler and server action', () => {
  it('finds the handlers and actions in the source tree', () => {
    expect(routes.length).toBeGreaterThanOrEqual(4);
    expect(actions.length).toBeGreaterThanOrEqual(3);
  });

  // The scan itself, on planted files: a handler or action that skips its wrapper is found without a permission.
  it('finds a planted handler or action that skips the wrapper', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-authz-plant-'));
    const route = path.join(dir, 'route.ts');
    writeFileSync(
      route,
      [
        "export const dynamic = 'force-dynamic';",
        "export const GET = withRoute('agents:read', async () => new Response('ok'));",
        "export async function POST() {\n  return new Response('no door');\n}",
        'export const PUT = somethingElse;',
      ].join('\n'),
    );
    expect(entriesOf(route, 'route').map((e) => [e.name, e.permission, Boolean(e.wrapped)])).toEqual([
      ['POST', null, false],
      ['GET', 'agents:read', true],
      ['PUT', null, false],
    ]);
    const action = path.join(dir, 'actions.ts');
    writeFileSync(
      action,
      "'use server';\nexport const a = formAction('apps:write', schema, fn);\nexport const b = actionResult(fn);\n",
    );
    expect(entriesOf(action, 'action').map((e) => [e.name, e.permission])).toEqual([
      ['a', 'apps:write'],
      ['b', null],
    ]);
  });

  // SCIM: only scimRoutes' output is a bearer entry; a hand-written handler calling withScimBearer, or the same
  // destructuring from anything else, is found as an entry with no door at all (and so fails below).
  it('finds the SCIM methods of a planted route file, and not a handler that skips scimRoutes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-authz-scim-'));
    const route = path.join(dir, 'route.ts');
    writeFileSync(
      route,
      [
        'export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes({',
        '  GET: async (scim) => scimJson({}),',
        '});',
      ].join('\n'),
    );
    expect(entriesOf(route, 'route').map((e) => [e.name, Boolean(e.bearer), Boolean(e.wrapped)])).toEqual(
      HTTP_METHODS.map((m) => [m, true, true]),
    );
    const skipped = path.join(dir, 'skipped.ts');
    writeFileSync(
      skipped,
      [
        'export async function GET(request: Request) {',
        '  return withScimBearer(request, async () => new Response());',
        '}',
        'export const { PUT, DELETE: remove } = somethingElse({});',
      ].join('\n'),
    );
    expect(entriesOf(skipped, 'route').map((e) => [e.name, e.permission, Boolean(e.bearer)])).toEqual([
      ['GET', null, false],
      ['PUT', null, false],
    ]); // The module check below then proves the exports came from scimRoutes, not merely that the source says so.
    expect(isScimEntry(async () => new Response())).toBe(false);
  });

  // A change of any entry's permission must be deliberate: it shows up in this reviewed snapshot.
  it('matches the reviewed permission of each entry', () => {
    expect(
      Object.fromEntries(
        all
          .map((e) => [
            key(e),
            e.permission ?? (e.api ? 'api-bearer-token' : e.bearer ? 'scim-bearer-token' : 'public'),
          ])
          .sort(),
      ),
    ).toMatchSnapshot();
  });

  it.each(all.map((e) => [key(e), e] as const))(
    '%s goes through its wrapper (or is deliberately public)',
    (_k, entry) => {
      if (PUBLIC.has(key(entry)) || entry.bearer) expect(entry.permission).toBeNull();
      else if (isLegacy(entry) && !entry.wrapped)
        expect(entry.permission, `${key(entry)} must call authorize('…') in its first lines`).not.toBeNull();
      else {
        const wrapper = entry.kind === 'route' ? "withRoute('…', …)" : "formAction('…', …)";
        expect(
          entry.wrapped && entry.permission,
          `${key(entry)} must be \`export const ${entry.name} = ${wrapper}\``,
        ).toBeTruthy();
      }
    },
  );

  // The source says which wrapper; the module proves it: what it exports is the wrapper's output with that
  // permission, and it exports no handler or action the source scan missed (an alias, a re-export…).
  // Auth.js's own files (every entry public) do not load outside Next, so only their source is read.
  const loadable = [...routeFiles, ...actionFiles].filter(
    (f) => !all.filter((e) => e.file === f).every((e) => PUBLIC.has(key(e))),
  );
  it.each(loadable.map((f) => [f] as const))('%s exports only the entries found in its source', async (file) => {
    const mod = (await import(path.resolve(file))) as Record<string, unknown>;
    const found = all.filter((e) => e.file === file);
    const kind = routeFiles.includes(file) ? 'route' : 'action';
    const exported = Object.keys(mod).filter(
      (n) => typeof mod[n] === 'function' && (kind === 'action' || HTTP_METHODS.includes(n)),
    );
    expect(exported.sort()).toEqual(found.map((e) => e.name).sort());
    for (const e of found.filter((x) => x.wrapped && !x.bearer))
      expect(entryPermission(mod[e.name]), key(e)).toBe(e.permission);
    for (const e of found.filter((x) => x.bearer && !x.api))
      expect(isScimEntry(mod[e.name]), `${key(e)} from scimRoutes`).toBe(true);
    for (const e of found.filter((x) => x.api)) expect(isApiEntry(mod[e.name]), `${key(e)} from apiRoutes`).toBe(true);
  });

  // SCIM and API routes: no session of any role gets in, only a bearer token (test/api-matrix covers API roles).
  const bearer = all.filter((e) => e.bearer);
  it.each(bearer.map((e) => [key(e), e] as const))(
    '%s: 401 without a bearer token, even with an admin session',
    async (_k, entry) => {
      for (const cookie of [null, sessions.get('admin')!]) {
        state.cookie = cookie;
        expect(await call(entry)).toBe(401);
      }
    },
  );

  const guarded = all.filter((e) => !PUBLIC.has(key(e)) && e.permission);
  it.each(guarded.map((e) => [key(e), e] as const))(
    '%s: 401 anonymous, 403 exactly for roles without its permission',
    async (_k, entry) => {
      state.cookie = null;
      expect(await call(entry)).toBe(401);
      state.cookie = sessions.get('none')!;
      expect(await call(entry), 'a user with no mapped role').toBe(403);
      for (const role of ROLES) {
        state.cookie = sessions.get(role)!;
        const status = await call(entry);
        if (can([role], entry.permission!)) expect([401, 403], `${role} may ${entry.permission}`).not.toContain(status);
        else expect(status, `${role} may not ${entry.permission}`).toBe(403);
      }
    },
  );
});

// Pages: each dashboard page opens through workspacePage('permission'), which answers 403 (or, for the Overview,
// redirects) and hands it the database, so no page checks access by hand or imports lib/db. The glossary is a
// static reference every signed-in user may read: it names no permission and reads nothing.
const OPEN_PAGES = new Set(['app/(dashboard)/glossary/page.tsx']);
const pageFiles = walk('app/(dashboard)').filter((f) => f.endsWith('/page.tsx'));

describe('every dashboard page goes through workspacePage', () => {
  it('finds the pages', () => expect(pageFiles.length).toBeGreaterThanOrEqual(30));

  it.each(pageFiles.filter((f) => !OPEN_PAGES.has(f)).map((f) => [f] as const))('%s', (file) => {
    const source = readFileSync(file, 'utf8');
    const use = /await workspacePage\(\s*'([\w:-]+)'/.exec(source);
    expect(use, `${file} must open with \`await workspacePage('…')\``).not.toBeNull();
    expect(PERMISSIONS as readonly string[]).toContain(use![1]);
    expect(source, `${file} must not check access itself`).not.toMatch(/\bpageAccess\(|\bauthorize\(/);
    expect(source, `${file} must take the database from workspacePage`).not.toMatch(/lib\/db\.ts'|generated\/prisma/);
  });

  it('leaves open only pages that read nothing', () => {
    for (const file of OPEN_PAGES) expect(readFileSync(file, 'utf8')).not.toMatch(/lib\/db\.ts'|workspacePage|await /);
  });
});
