// A reviewer classifies a GPT action whose schema cannot be read, against a real PostgreSQL: every GPT carrying
// that document is reclassified at once (legs, trifecta, risk state), the change is audited, the classifier of
// the workspace (page, CLI, review) reads the same legs, and a changed document is unknown again on the next read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { workspaceClassifier } from '@/lib/agents/classify-in-workspace.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { adaptGpt } from '@/lib/gpts/adapter.ts';
import { CONFIG_OBJECT, GPT_OBJECT, type RawConfig, type RawGpt } from '@/lib/gpts/platform/definition.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import type { Gpt } from '@/lib/gpts/types.ts';
import { actionReviewKey } from './legs.ts';
import { classifyGptAction } from './action-review-service.ts';
import { actionReviews } from './action-review-queries.ts';
import { storeGpts } from './store.ts';

const reviewer = { id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer' };
const t0 = new Date('2026-12-02T09:00:00Z');
const BROKEN = 'openapi: 3.0.0\ninfo: { title: Expenses\npaths:\n  /claims: [ get: {';
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('gpt_action_review'));
});
afterAll(async () => {
  await db.$disconnect();
});

/** A GPT with one action on expenses.acme.example whose schema is `schema`, at configuration `rev`. */
function raw(id: string, schema: string, rev = 1): { gpt: RawGpt; configs: RawConfig[] } {
  const at = 1_764_000_000 + rev * 86_400;
  const config = {
    id: `gcfg-${id}-${rev}`,
    object: CONFIG_OBJECT,
    created_at: at,
    name: `GPT ${id}`,
    description: 'Prepares expense claims',
    instructions: 'Help.',
    tools: [
      { type: 'action', action: { domain: 'expenses.acme.example', auth: { type: 'none' }, openapi_schema: schema } },
    ],
    files: [],
  };
  const gpt = {
    id,
    object: GPT_OBJECT,
    created_at: 1_764_000_000,
    updated_at: at,
    owner_id: 'user-tom',
    owner_email: 'tom@acme.example',
    sharing: { visibility: 'workspace', recipients: [] },
    latest_config: config,
  };
  return { gpt: gpt as unknown as RawGpt, configs: [config as unknown as RawConfig] };
}

async function store(ws: string, gpts: { gpt: RawGpt; configs: RawConfig[] }[], now = t0) {
  const items = [];
  for (const g of gpts) items.push({ adapted: await adaptGpt({ ...g, sharedUsers: [] }), retryDetails: false });
  await storeGpts(db, ws, items, { source: 'file', now });
}

const row = (ws: string, id: string) =>
  db.agent.findUniqueOrThrow({
    where: { workspaceId_externalId: { workspaceId: ws, externalId: id } },
    select: { legCount: true, trifecta: true, effectiveState: true, gptState: { select: { gpt: true } } },
  });
const keyOf = async (ws: string, id: string) =>
  actionReviewKey(((await row(ws, id)).gptState!.gpt as unknown as Gpt).actions[0]!);

describe('classifying an unreadable GPT action', () => {
  it('gives every GPT carrying the document its legs, audited, and the workspace classifier reads them', async () => {
    const ws = 'ws-gar-legs';
    await createWorkspace(db, reviewer, { id: ws, name: ws, kind: 'workspace', principal: null });
    await store(ws, [raw('g-exp-a', BROKEN), raw('g-exp-b', BROKEN), raw('g-other', `${BROKEN} other`)]);
    for (const id of ['g-exp-a', 'g-exp-b', 'g-other'])
      expect(await row(ws, id)).toMatchObject({ legCount: 3, trifecta: true, effectiveState: 'exposed' });
    const key = await keyOf(ws, 'g-exp-a');
    expect(key).toMatch(/^[0-9a-f]{64}$/);

    const result = await classifyGptAction(
      db,
      reviewer,
      ws,
      { gptId: 'g-exp-a', reviewKey: key, legs: ['untrusted_content'], note: 'Reads public exchange rates' },
      t0,
    );
    expect(result).toEqual({ changed: true, reclassified: 2 });
    for (const id of ['g-exp-a', 'g-exp-b'])
      expect(await row(ws, id)).toMatchObject({ legCount: 1, trifecta: false, effectiveState: 'none' });
    // Another document on the same domain is another action: still unknown.
    expect(await row(ws, 'g-other')).toMatchObject({ legCount: 3, trifecta: true });

    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws, action: 'gpts.action.classify' } });
    expect(audit).toMatchObject({ actorLabel: reviewer.label, targetId: 'g-exp-a' });
    expect(audit.diff).toMatchObject({ reviewKey: key, legs: { from: null, to: ['untrusted_content'] } });
    expect(await actionReviews(db, ws, [key])).toEqual([
      {
        reviewKey: key,
        legs: ['untrusted_content'],
        note: 'Reads public exchange rates',
        setBy: reviewer.label,
        setAt: t0,
      },
    ]);

    const { classifyGpt } = await workspaceClassifier(db, ws, t0);
    const gpt = (await row(ws, 'g-exp-b')).gptState!.gpt as unknown as Gpt;
    const c = classifyGpt({ id: 'x', configHash: 'h' }, gpt);
    expect(c.unknownActions).toEqual([]);
    expect(c.sources).toEqual([
      expect.objectContaining({
        id: 'action:expenses.acme.example',
        why: { untrusted_content: 'a reviewer classified this action' },
      }),
    ]);

    // Saying the same again changes nothing; changing it is a second audited change.
    const again = {
      gptId: 'g-exp-b',
      reviewKey: key,
      legs: ['untrusted_content'],
      note: 'Reads public exchange rates',
    };
    expect(await classifyGptAction(db, reviewer, ws, again, t0)).toEqual({ changed: false, reclassified: 0 });
    await classifyGptAction(db, reviewer, ws, { ...again, legs: ['external_send', 'private_data'] }, t0);
    expect(await row(ws, 'g-exp-a')).toMatchObject({ legCount: 2, trifecta: false });
    expect(await db.auditEvent.count({ where: { workspaceId: ws, action: 'gpts.action.classify' } })).toBe(2);
  });

  it('is unknown again when the GPT arrives with a changed document', async () => {
    const ws = 'ws-gar-changed';
    await createWorkspace(db, reviewer, { id: ws, name: ws, kind: 'workspace', principal: null });
    await store(ws, [raw('g-exp', BROKEN)]);
    const key = await keyOf(ws, 'g-exp');
    await classifyGptAction(db, reviewer, ws, { gptId: 'g-exp', reviewKey: key, legs: [] }, t0);
    expect(await row(ws, 'g-exp')).toMatchObject({ legCount: 0, effectiveState: 'none' });

    await store(ws, [raw('g-exp', `${BROKEN}\n  # edited`, 2)], new Date(t0.getTime() + 60_000));
    expect(await keyOf(ws, 'g-exp')).not.toBe(key);
    expect(await row(ws, 'g-exp')).toMatchObject({ legCount: 3, trifecta: true, effectiveState: 'exposed' });
  });

  it('refuses a leg that is not one, a readable or absent action, and a workspace agent', async () => {
    const ws = 'ws-gar-bad';
    await createWorkspace(db, reviewer, { id: ws, name: ws, kind: 'workspace', principal: null });
    await store(ws, [raw('g-exp', BROKEN)]);
    const key = await keyOf(ws, 'g-exp');
    const classify = (input: Partial<Parameters<typeof classifyGptAction>[3]>) =>
      classifyGptAction(db, reviewer, ws, { gptId: 'g-exp', reviewKey: key, legs: [], ...input }, t0);
    await expect(classify({ legs: ['private_data', 'everything'] })).rejects.toThrow(/“everything” is not a leg/);
    await expect(classify({ reviewKey: 'domain:expenses.acme.example' })).rejects.toThrow(/no unreadable action/);
    await expect(classify({ gptId: 'g-none' })).rejects.toThrow(/No GPT g-none/);
    await expect(classify({ note: 'x'.repeat(2001) })).rejects.toThrow(/too long/);
    expect(await db.gptActionReview.count({ where: { workspaceId: ws } })).toBe(0);
  });
});
