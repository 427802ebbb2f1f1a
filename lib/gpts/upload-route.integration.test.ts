// POST /api/gpts/files (the Sources page's upload of saved GPT pages) against a real PostgreSQL, the session
// mocked: GPTs stored exactly once under the uploaded file's name, a broken line and a malformed GPT named by line,
// id and field while the others are stored, and a wrong type or an oversized body refused before reading.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/db.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { createTestDatabase } from '@/test/db.ts';
import { ORIGIN } from '@/test/route-requests.ts';

const state = vi.hoisted(() => ({ db: null as Db | null }));
vi.mock('@/lib/auth/authorize.ts', () => ({
  authorize: async () => ({ id: 'u-ada', label: 'ada@acme.example', role: 'admin', roles: ['admin'] }),
}));
vi.mock('@/lib/db.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db.ts')>()),
  db: () => state.db!,
}));

const { createDb } = await import('@/lib/db.ts');
const { createWorkspace } = await import('@/lib/workspaces/service.ts');
const { latestGptReads, listGpts } = await import('@/lib/gpts/queries.ts');
const { POST } = await import('@/app/api/gpts/files/route.ts');

const WS = 'ws-gpt-upload';
const GPTS = demoGpts(new Date('2026-12-01T12:00:00Z'))
  .slice(0, 4)
  .map((d) => d.gpt as { id: string });

beforeAll(async () => {
  state.db = createDb(await createTestDatabase('gpt_upload'));
  await createWorkspace(
    state.db,
    { id: null, label: 'test', role: 'admin' },
    {
      id: WS,
      name: WS,
      kind: 'workspace',
      principal: null,
    },
  );
});
afterAll(async () => {
  await state.db?.$disconnect();
});

async function upload(name: string, text: string, headers: Record<string, string> = {}) {
  const body = Buffer.from(text);
  const res = await POST(
    new Request(`${ORIGIN}/api/gpts/files?ws=${WS}`, {
      method: 'POST',
      headers: {
        origin: ORIGIN,
        host: 'localhost:3000',
        'x-filename': encodeURIComponent(name),
        'content-length': String(body.length),
        ...headers,
      },
      body: new Uint8Array(body),
    }),
  );
  return { res, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /api/gpts/files', () => {
  it('stores good GPTs once, naming each refused one by file, line or id, and field', async () => {
    const broken = { ...GPTS[2], sharing: { visibility: 7 } };
    const lines = [GPTS[0], '{"id": "g-cut', broken, GPTS[3]].map((g) =>
      typeof g === 'string' ? g : JSON.stringify(g),
    );
    const first = await upload('saved.jsonl', lines.join('\n'));
    expect(first.res.status).toBe(201);
    expect(first.body).toMatchObject({ totals: { created: 2 }, issueCount: 2 });
    const issues = first.body.issues as { id: string; field: string; reason: string }[];
    expect(issues[0]).toMatchObject({
      id: 'saved.jsonl: line 2',
      field: '(line)',
      reason: expect.stringMatching(/^not JSON/),
    });
    expect(issues[1]!.id).toBe(`saved.jsonl: ${GPTS[2]!.id}`);
    expect(issues[1]!.field).toMatch(/visibility/);
    expect((await listGpts(state.db!, WS)).map((g) => g.gptId).sort()).toEqual([GPTS[0]!.id, GPTS[3]!.id].sort());
    const [run] = await latestGptReads(state.db!, WS);
    expect(run).toMatchObject({ source: 'file', origin: 'saved.jsonl' });
    expect(run!.issues.map((i) => i.objectId)).toEqual(issues.map((i) => i.id));

    const again = await upload('saved.jsonl', lines.join('\n'));
    expect(again.body).toMatchObject({ totals: { created: 0, changed: 0, unchanged: 2 } });
  }, 60_000);

  it('refuses a file that is not JSON or JSONL, and one over the limit from its Content-Length', async () => {
    const csv = await upload('gpts.csv', 'id,name\n');
    expect(csv.res.status).toBe(422);
    expect(JSON.stringify(csv.body)).toContain('.json or .jsonl');
    const big = await upload('gpts.json', '[]', { 'content-length': String(65 * 1024 * 1024) });
    expect(big.res.status).toBe(413);
    expect(JSON.stringify(big.body)).toContain('64 MB');
  });
});
