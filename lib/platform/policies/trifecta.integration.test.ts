// "Agent becomes a trifecta after approval → unpublish", against a real PostgreSQL, the real log pipeline and the
// real publish review: an agent approved with Google Docs alone (no trifecta), then given Web Search by the builder
// (an exposed trifecta at an unapproved configuration), is unpublished by the rule; an agent that was exposed before
// anyone approved it is not this rule's business.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { signStep } from '@/lib/checklist/service.ts';
import { STEPS } from '@/lib/checklist/steps.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { ingestAndApply } from '@/lib/logs/pipeline.ts';
import { decide } from '@/lib/reviews/decisions.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { evaluateResponsePolicies, saveResponsePolicy } from './service.ts';

const WS = 'ws-trifecta';
const reviewer = { id: 'u-rhea', label: 'rhea@acme.example', email: 'rhea@acme.example', role: 'reviewer' };
const admin = { id: 'u-ada', label: 'ada@acme.example', role: 'admin' };
const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-trifecta-policy-'));
const docs = { connector_id: 'google-docs', allowed_tools: ['read'], user_approvals: 'never' };
const search = { connector_id: 'web-search', user_approvals: 'never' };
let db: Db;
let client: pg.Client;
let n = 0;

beforeAll(async () => {
  const url = await createTestDatabase('response_policy_trifecta');
  db = createDb(url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await createWorkspace(db, admin, { id: WS, name: WS, kind: 'workspace', principal: 'p-trifecta' });
  await db.complianceSource.create({
    data: {
      workspaceId: WS,
      baseUrl: 'http://127.0.0.1:9/v1/compliance',
      logTypes: ['CUSTOM_AGENTS_LOG'],
      keyCiphertext: seal('s', 'compliance-api-key', 'sk-read'),
      actKeyCiphertext: seal('s', ACT_KEY_PURPOSE, 'sk-act'),
      updatedBy: admin.label,
    },
  });
  for (const s of STEPS)
    await signStep(db, reviewer, WS, { step: s.id, evidence: { url: `https://wiki.acme.example/${s.id}` } });
});
afterAll(async () => {
  await client.end();
  await db.$disconnect();
});

const event = (agentId: string, eventType: string, at: string, connectors: object[]) =>
  JSON.stringify({
    event_id: `tri-${++n}`,
    type: 'CUSTOM_AGENTS_LOG',
    timestamp: at,
    principal: { id: 'p-trifecta', type: 'CHATGPT_WORKSPACE' },
    actor: { type: 'ACCOUNT_USER', user_id: 'u-lena', user_email: 'lena@acme.example' },
    event_type: eventType,
    event_details: { agent_id: agentId, version_id: `v${n}`, agent_fields: { name: agentId, tools: { connectors } } },
  });
async function pull(lines: string[]) {
  const name = `pulled-${++n}.jsonl`;
  writeFileSync(path.join(dir, name), lines.join('\n'));
  await ingestAndApply(client, db, path.join(dir, name), { source: 'puller', name, startedBy: 'puller' });
}
const approve = (agentId: string) =>
  decide(db, reviewer, WS, agentId, {
    decision: 'approve',
    reason: 'Reads docs only.',
    sequence: 1,
    confirmedSteps: [1, 2, 3],
  });

describe('agent becomes a trifecta after approval', () => {
  it('unpublishes an agent that became an exposed trifecta after its approval, and only that one', async () => {
    await pull([
      event('agt-docs', 'AGENT_CREATED', '2026-12-01T09:00:00.000000Z', [docs]),
      event('agt-docs', 'AGENT_PUBLISHED', '2026-12-01T09:10:00.000000Z', [docs]),
    ]);
    expect(await approve('agt-docs')).toMatchObject({ complete: true });
    // An agent published exposed from the start, never approved: "published without approval" is its rule, not this.
    await pull([
      event('agt-raw', 'AGENT_CREATED', '2026-12-01T09:00:00.000000Z', [docs, search]),
      event('agt-raw', 'AGENT_PUBLISHED', '2026-12-01T09:10:00.000000Z', [docs, search]),
    ]);
    await saveResponsePolicy(db, admin, WS, { trifecta_after_approval: 'on' });
    expect((await evaluateResponsePolicies(db, WS)).decided.acted).toBe(0);

    await pull([event('agt-docs', 'AGENT_UPDATED', '2026-12-02T09:00:00.000000Z', [docs, search])]);
    const agent = await db.agent.findFirstOrThrow({ where: { workspaceId: WS, externalId: 'agt-docs' } });
    expect([agent.status, agent.effectiveState]).toEqual(['published', 'exposed']);
    expect((await evaluateResponsePolicies(db, WS)).decided).toEqual({ dry_run: 0, acted: 1, held: 0 });
    const actions = await db.platformAction.findMany({ where: { workspaceId: WS } });
    expect(actions.map((a) => [a.kind, a.targetId, a.status, a.requestedBy])).toEqual([
      ['unpublish_agent', 'agt-docs', 'queued', 'policy trifecta_after_approval v1'],
    ]);
    const [decision] = await db.responsePolicyDecision.findMany({ where: { workspaceId: WS } });
    expect(decision).toMatchObject({ configHash: agent.configHash, mode: 'acted', actionId: actions[0]!.id });
  });
});
