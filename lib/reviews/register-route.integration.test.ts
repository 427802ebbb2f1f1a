// GET /api/reviews/register (the published register as CSV) against a real PostgreSQL, the session mocked: each
// entry says whether it is a workspace agent or a custom GPT, in a last column, so the earlier ones keep their place.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/db.ts';
import { parseCsv } from '@/lib/evidence/sets/sets.fixture.ts';
import { createTestDatabase } from '@/test/db.ts';
import { ORIGIN } from '@/test/route-requests.ts';

const state = vi.hoisted(() => ({ db: null as Db | null }));
vi.mock('@/lib/auth/authorize.ts', () => ({
  authorize: async () => ({ id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer', roles: ['reviewer'] }),
}));
vi.mock('@/lib/db.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db.ts')>()),
  db: () => state.db!,
}));

const { createDb } = await import('@/lib/db.ts');
const { createWorkspace } = await import('@/lib/workspaces/service.ts');
const { GET } = await import('@/app/api/reviews/register/route.ts');

const WS = 'ws-register-csv';

beforeAll(async () => {
  state.db = createDb(await createTestDatabase('register_route'));
  const admin = { id: null, label: 'test', role: 'admin' };
  await createWorkspace(state.db, admin, { id: WS, name: WS, kind: 'workspace', principal: null });
  const entry = (id: string, kind?: string) =>
    state.db!.registerEntry.create({
      data: {
        id,
        workspaceId: WS,
        agentId: `agent-${id}`,
        externalId: id,
        agentName: `Name ${id}`,
        ownerEmail: 'ann@acme.example',
        configHash: `h-${id}`,
        approvers: ['rhea@acme.example'],
        decisionIds: [`d-${id}`],
        effectiveAt: new Date('2026-12-01T09:00:00Z'),
        ...(kind ? { kind } : {}),
      },
    });
  await entry('agent-1');
  await entry('g-1', 'custom_gpt');
});
afterAll(async () => {
  await state.db?.$disconnect();
});

describe('the published register CSV', () => {
  it('ends each row with its kind, after the columns scripts already read by position', async () => {
    const res = await GET(new Request(`${ORIGIN}/api/reviews/register?ws=${WS}`), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(await res.text()).filter((r) => r.length > 1);
    expect(header!.slice(0, 3)).toEqual(['agent_id', 'agent_name', 'owner_email']);
    expect(header!.at(-2)).toBe('decision_ids');
    expect(header!.at(-1)).toBe('kind');
    expect(rows.map((r) => [r[0], r.at(-1)]).sort()).toEqual([
      ['agent-1', 'workspace_agent'],
      ['g-1', 'custom_gpt'],
    ]);
  });
});
