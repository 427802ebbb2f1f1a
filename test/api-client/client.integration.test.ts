// The tiny client an integrator would generate: types from the OpenAPI document (openapi-typescript, committed as
// schema.d.ts) and openapi-fetch calling the real /api/v1 handler over the demo workspace. `tsc --noEmit` checks
// the calls below against the generated types; the first test fails when those types are older than the document.
import { readFileSync } from 'node:fs';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { seedDemoWorkspace } from '@/lib/seed/demo.ts';
import { CLIENT_TYPES, committedSha256, documentSha256 } from '@/scripts/api-client.ts';
import { API_ORIGIN, ROLE_MAP, makeToken } from '@/test/api.ts';
import { DEMO_WS } from '@/test/api-params.ts';
import { createTestDatabase } from '@/test/db.ts';
import type { paths } from './schema.d.ts';

type Route = (request: Request) => Promise<Response>;
let db: Db;
let client: ReturnType<typeof createClient<paths>>;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('apiclient');
  process.env.TOLLGATE_ROLE_MAP = ROLE_MAP;
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  db = createDb(process.env.DATABASE_URL);
  await seedDemoWorkspace(db, { url: process.env.DATABASE_URL });
  const routes = (await import('@/app/api/v1/[...path]/route.ts')) as unknown as Record<string, Route>;
  const { token } = await makeToken(db, 'reviewer', DEMO_WS);
  client = createClient<paths>({
    baseUrl: `${API_ORIGIN}/api/v1`,
    headers: { authorization: `Bearer ${token}` },
    // The route handler itself stands in for the network: the client sends the Request it would send.
    fetch: (request) => routes[request.method]!(request),
  });
}, 240_000);
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

describe('the generated API client', { timeout: 60_000 }, () => {
  it('was generated from the current OpenAPI document', () => {
    const committed = committedSha256(readFileSync(CLIENT_TYPES, 'utf8'));
    expect(committed, `${CLIENT_TYPES} is stale: run \`npm run api:client\` and commit it`).toBe(documentSha256());
  });

  it('pages through the agents of the workspace with typed answers, each agent once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { data, error, response } = await client.GET('/agents', {
        params: { query: { ws: DEMO_WS, limit: 3, ...(cursor ? { cursor } : {}) } },
      });
      expect(error, JSON.stringify(error)).toBeUndefined();
      expect(response.status).toBe(200);
      seen.push(...data!.data.map((a) => a.agent_id));
      for (const agent of data!.data)
        expect(['exposed', 'mitigated', 'accepted', 'none']).toContain(agent.effective_state);
      cursor = data!.next_cursor ?? undefined;
    } while (cursor);
    expect(seen.length).toBeGreaterThan(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen.length).toBe(await db.agent.count({ where: { workspaceId: DEMO_WS } }));
  });

  it('requests an exception and reads it back; a refusal arrives as a typed problem', async () => {
    const review = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const { data, error, response } = await client.POST('/exceptions', {
      params: { query: { ws: DEMO_WS } },
      body: {
        title: 'Client-generated request',
        business_case: 'An integration files this request through the generated client.',
        scope: { kind: 'role_bit', bit: 'publish_agents_with_shared_connections', people: ['lead@example.com'] },
        cab_ticket: 'CAB-CLIENT-1',
        review_at: review,
      },
    });
    expect(error, JSON.stringify(error)).toBeUndefined();
    expect(response.status).toBe(201);
    expect(data!.title).toBe('Client-generated request');
    const read = await client.GET('/exceptions/{exception_id}', {
      params: { path: { exception_id: data!.id }, query: { ws: DEMO_WS } },
    });
    expect(read.data).toEqual(data);

    const missing = await client.GET('/agents/{agent_id}', {
      params: { path: { agent_id: 'agt_no_such_agent' }, query: { ws: DEMO_WS } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.type).toMatch(/not-found$/);
  });
});
