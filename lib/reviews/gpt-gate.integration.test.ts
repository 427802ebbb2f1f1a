// A custom GPT's review through the decision's server action itself (the session mocked, the database real): the
// same gate as agents refuses an exposed GPT, one shared beyond the GPT policy and one calling a domain the policy
// does not allow — unless an exception lists the finding, or the policy changes — and an approved GPT enters the
// published register as a custom GPT.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formData } from '@/test/route-requests.ts';
import { createTestDatabase } from '@/test/db.ts';
import type { Db } from '@/lib/db.ts';

const state = vi.hoisted(() => ({ db: null as Db | null }));
vi.mock('@/lib/auth/authorize.ts', () => ({
  authorize: async () => ({
    id: 'u-rhea',
    label: 'rhea@acme.example',
    role: 'reviewer',
    roles: ['reviewer'],
    user: { id: 'u-rhea', email: 'rhea@acme.example' },
  }),
}));
vi.mock('@/lib/db.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db.ts')>()),
  db: () => state.db!,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { createDb } = await import('@/lib/db.ts');
const { createWorkspace } = await import('@/lib/workspaces/service.ts');
const { signStep } = await import('@/lib/checklist/service.ts');
const { STEPS } = await import('@/lib/checklist/steps.ts');
const { adaptGpt } = await import('@/lib/gpts/adapter.ts');
const { storeGpts } = await import('@/lib/gpts/store.ts');
const { saveGptPolicy } = await import('@/lib/gpts/policy-service.ts');
const { DEFAULT_GPT_POLICY } = await import('@/lib/gpts/policy.ts');
const { gptFindingKey } = await import('@/lib/findings/gpt.ts');
const { demoGpts } = await import('@/lib/platform-sim/demo-gpts.ts');
const { decideAction } = await import('./actions.ts');
const { reviewQueue } = await import('./queue.ts');

const WS = 'ws-gpt-gate';
const rhea = { id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer' };
const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z'));
const demo = (name: string) => DEMO.find((d) => (d.gpt.latest_config as { name: string }).name === name)!;
const idOf = (name: string) => String(demo(name).gpt.id);

beforeAll(async () => {
  const db = createDb(await createTestDatabase('gpt_gate'));
  state.db = db;
  await createWorkspace(db, rhea, { id: WS, name: WS, kind: 'workspace', principal: null });
  const now = new Date();
  for (const s of STEPS)
    await signStep(db, rhea, WS, { step: s.id, evidence: { url: `https://wiki.acme.example/c/${s.id}` } }, now);
  const items = [];
  for (const name of ['Market research analyst', 'Logo and banner studio', 'Field visit weather', 'SQL explainer']) {
    const d = demo(name);
    items.push({ adapted: await adaptGpt({ gpt: d.gpt, configs: d.configs, sharedUsers: d.sharedUsers } as never) });
  }
  await storeGpts(
    db,
    WS,
    items.map((i) => ({ ...i, retryDetails: false })),
    { source: 'api', now },
  );
});
afterAll(async () => {
  await state.db?.$disconnect();
});

// The reviewer confirms every per-agent checklist step, as the form would: only the gate is left to refuse.
function approve(gptId: string) {
  const body = formData({ workspaceId: WS, agentId: gptId, decision: 'approve', sequence: '1', reason: 'Fine.' });
  for (const s of STEPS) body.append('step', String(s.id));
  return decideAction(null, body);
}
async function decisions(gptId: string) {
  const agent = await state.db!.agent.findFirstOrThrow({ where: { workspaceId: WS, externalId: gptId } });
  return state.db!.reviewDecision.count({ where: { agentId: agent.id } });
}

describe('the review gate for custom GPTs', () => {
  it('puts GPTs in the same queue as agents, the exposed one first', async () => {
    const queue = await reviewQueue(state.db!, WS);
    expect(queue.map((q) => q.kind)).toEqual(Array(4).fill('custom_gpt'));
    expect(queue[0]).toMatchObject({ externalId: idOf('Market research analyst'), effectiveState: 'exposed' });
  });

  it('refuses an exposed GPT through the server action, whatever the page showed', async () => {
    const gptId = idOf('Market research analyst');
    const result = await approve(gptId);
    expect(result).toMatchObject({ ok: false, status: 422 });
    expect(result.ok ? '' : result.message).toMatch(/risk state: exposed/);
    expect(await decisions(gptId)).toBe(0);
  });

  it('refuses a GPT shared beyond the policy until an exception lists that finding', async () => {
    const gptId = idOf('Logo and banner studio');
    const refused = await approve(gptId);
    expect(refused.ok ? '' : refused.message).toMatch(/Shared with anyone with the link; the policy allows at most/);
    expect(await decisions(gptId)).toBe(0);

    const now = new Date();
    await state.db!.exception.create({
      data: {
        workspaceId: WS,
        title: 'Event partners use the logo studio',
        businessCase: 'Partners outside the workspace make event banners with it.',
        scopeKind: 'findings',
        scope: {},
        findingKeys: [gptFindingKey('gpt-shared-beyond-policy', gptId, 'gpt')],
        requestedBy: 'jamie.chen@acme.example',
        requestedAt: now,
        status: 'approved',
        reviewAt: new Date(now.getTime() + 30 * 86_400_000),
        decidedBy: 'ciso@acme.example',
        decidedAt: now,
      },
    });
    expect(await approve(gptId)).toMatchObject({ ok: true });
    const entry = await state.db!.registerEntry.findFirstOrThrow({ where: { workspaceId: WS, externalId: gptId } });
    expect(entry).toMatchObject({ kind: 'custom_gpt', approvers: [rhea.label] });
  });

  it('refuses a GPT whose action calls a domain the policy does not allow, until the policy allows it', async () => {
    const gptId = idOf('Field visit weather');
    const refused = await approve(gptId);
    expect(refused.ok ? '' : refused.message).toMatch(/api\.open-meteo\.com, which the policy does not allow/);
    await saveGptPolicy(state.db!, rhea, WS, { ...DEFAULT_GPT_POLICY, allowedActionDomains: ['open-meteo.com'] });
    expect(await approve(gptId)).toMatchObject({ ok: true });
  });

  it('approves a GPT within the policy and without a trifecta', async () => {
    expect(await approve(idOf('SQL explainer'))).toMatchObject({ ok: true, message: 'Decision recorded: approved.' });
  });
});
