// The platform publishing an agent against Tollgate's publish review, through the real log pipeline: a
// configuration approved here raises nothing; one published with no approval raises a critical alert, and
// the agent is back on the queue as changed since its approval.
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
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { decide } from './decisions.ts';
import { reviewQueue } from './queue.ts';

const PRINCIPAL = 'ws-principal-reviews';
const reviewer = { id: 'u-rhea', label: 'rhea@acme.example', email: 'rhea@acme.example', role: 'reviewer' };
const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-published-'));
let db: Db;
let client: pg.Client;

beforeAll(async () => {
  const url = await createTestDatabase('published_alert');
  db = createDb(url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await db.$disconnect();
});

let n = 0;
const event = (at: string, eventType: string, connectors: object[]) =>
  JSON.stringify({
    event_id: `pub-${++n}`,
    type: 'CUSTOM_AGENTS_LOG',
    timestamp: at,
    principal: { id: PRINCIPAL, type: 'CHATGPT_WORKSPACE' },
    actor: { type: 'ACCOUNT_USER', user_id: 'u-lena', user_email: 'lena@acme.example' },
    event_type: eventType,
    event_details: {
      agent_id: 'agent-mail',
      version_id: `v${n}`,
      agent_fields: { name: 'Mail helper', tools: { connectors } },
    },
  });
const gmail = { connector_id: 'gmail', allowed_tools: ['search', 'read', 'send'], user_approvals: 'always' };
const slack = { connector_id: 'slack', user_approvals: 'never' };

async function deliver(name: string, lines: string[]) {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n'));
  await ingestAndApply(client, db, file, { source: 'cli', name, startedBy: 'test' });
}

const published = () =>
  db.alert.findMany({
    where: { workspaceId: 'ws-pub', ruleId: 'tollgate-6003-published-without-approval' },
    select: { severity: true, eventIds: true },
  });

describe('published without approval', () => {
  it('raises nothing for an approved configuration, a critical alert for one published without approval', async () => {
    await createWorkspace(db, reviewer, { id: 'ws-pub', name: 'Pub', kind: 'workspace', principal: PRINCIPAL });
    for (const s of STEPS)
      await signStep(db, reviewer, 'ws-pub', { step: s.id, evidence: { url: `https://wiki.acme.example/${s.id}` } });
    await deliver('created.jsonl', [event('2026-11-01T09:00:00.000000Z', 'AGENT_CREATED', [gmail])]);
    await decide(db, reviewer, 'ws-pub', 'agent-mail', {
      decision: 'approve',
      reason: 'Sends only with approval.',
      sequence: 1,
      confirmedSteps: [1, 2, 3],
    });

    await deliver('published.jsonl', [event('2026-11-02T09:00:00.000000Z', 'AGENT_PUBLISHED', [gmail])]);
    expect(await published()).toEqual([]);

    const updated = event('2026-11-03T09:00:00.000000Z', 'AGENT_UPDATED', [gmail, slack]);
    const republished = event('2026-11-03T10:00:00.000000Z', 'AGENT_PUBLISHED', [gmail, slack]);
    await deliver('changed.jsonl', [updated, republished]);
    expect(await published()).toEqual([{ severity: 'critical', eventIds: [JSON.parse(republished).event_id] }]);
    expect((await reviewQueue(db, 'ws-pub')).map((q) => [q.externalId, q.reason])).toEqual([['agent-mail', 'changed']]);

    // Delivered again (at-least-once), nothing is raised twice.
    await deliver('changed-again.jsonl', [republished]);
    expect(await published()).toHaveLength(1);
  });
});
