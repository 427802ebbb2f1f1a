// The OpenAPI document against the code: the document is valid OpenAPI 3.1 (@readme/openapi-parser), and every
// operation in it is called on the demo workspace with its documented example, answering a documented 2xx whose
// body validates against the documented schema (additionalProperties false: an undocumented field fails), and
// every refusal validates against the Problem schema.
import { validate } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi.ts';
import { can, ROLES } from '@/lib/auth/permissions.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { seedDemoWorkspace } from '@/lib/seed/demo.ts';
import { api, loadApi, makeToken } from './api.ts';
import { DEMO_WS, fillPath } from './api-params.ts';
import { createTestDatabase } from './db.ts';

type Doc = ReturnType<typeof openApiDocument>;
type OpDoc = {
  operationId: string;
  'x-tollgate-permission': string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
};
const doc = openApiDocument() as Doc;
const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, OpDoc>).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
);
// Reads first; writes after, in the document's order (an import's preview before its commit).
const ordered = [...ops.filter((o) => o.method === 'GET'), ...ops.filter((o) => o.method !== 'GET')];

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(JSON.parse(JSON.stringify(doc)), 'openapi.json');
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
function validateAgainst(path: string, method: string, status: string, type: string, body: unknown) {
  const at = pointer('paths', path, method.toLowerCase(), 'responses', status, 'content', type, 'schema');
  const ref = `openapi.json#/${at}`;
  const check = ajv.compile({ $ref: ref });
  const ok = check(body);
  return ok ? null : ajv.errorsText(check.errors);
}

let db: Db;
beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('apicontract');
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  db = createDb(process.env.DATABASE_URL);
  await seedDemoWorkspace(db, { url: process.env.DATABASE_URL });
  await loadApi();
}, 240_000);
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 with a unique operationId per operation', async () => {
    const result = await validate(JSON.parse(JSON.stringify(doc)));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ops.length).toBeGreaterThan(0);
  });

  it('is served without authentication at /api/v1/openapi.json', async () => {
    const served = await api('GET', '/openapi.json');
    expect(served.status).toBe(200);
    expect(served.json).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

describe('every operation answers as documented', () => {
  it.each(ordered.map((o) => [`${o.method} ${o.path}`, o] as const))('%s', async (_name, { path, method, op }) => {
    const role = ROLES.find((r) => can([r], op['x-tollgate-permission'] as never))!;
    const { token } = await makeToken(db, role, null);
    const takesWs = op.parameters?.some((p) => p.in === 'query' && p.name === 'ws');
    const url = (await fillPath(db, path)) + (takesWs ? `?ws=${encodeURIComponent(DEMO_WS)}` : '');
    const [bodyType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
    const call =
      bodyType === 'application/json'
        ? { token, body: media!.example }
        : bodyType
          ? { token, raw: { type: bodyType, data: String(media!.example) } }
          : { token };
    const answer = await api(method, url, call);
    expect(Object.keys(op.responses), `status ${answer.status}: ${answer.text.slice(0, 300)}`).toContain(
      String(answer.status),
    );
    expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(300);
    // Every header the document promises for this answer is there (Location on a 201, the RateLimit fields…).
    for (const name of Object.keys(op.responses[String(answer.status)]!.headers ?? {}))
      expect(answer.headers.has(name), `header ${name}`).toBe(true);
    const declared = op.responses[String(answer.status)]!.content;
    if (!declared) return expect(answer.text).toBe('');
    const type = (answer.headers.get('content-type') ?? '').split(';')[0]!;
    expect(Object.keys(declared)).toContain(type);
    if (type === 'application/json')
      expect(validateAgainst(path, method, String(answer.status), type, answer.json)).toBeNull();

    const refused = await api(method, url, {});
    expect(refused.status).toBe(401);
    expect(validateAgainst(path, method, '401', 'application/problem+json', refused.json)).toBeNull();
  });
});
