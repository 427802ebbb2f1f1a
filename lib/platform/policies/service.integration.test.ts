// Response policies against a real PostgreSQL and the real log pipeline: a dry run records what it would do and
// sends nothing; turned on, the rule requests an unpublish as "policy … v…"; evaluating again adds nothing; 60
// candidates give 50 actions and 10 held for a person; a log file a person uploaded never triggers a policy; a
// crash between the decision and its action is repaired without a second action; every save is a new version.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { ingestAndApply } from '@/lib/logs/pipeline.ts';
import type { LogSource } from '@/lib/logs/store.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { requestActions } from '@/lib/platform/service.ts';
import { latestDecisions, loadResponsePolicy, responsePolicyHistory } from './queries.ts';
import { HOURLY_LIMIT } from './rules.ts';
import { evaluateResponsePolicies, policyActor, saveResponsePolicy } from './service.ts';

const SECRET = 'test-secret';
const admin = { id: 'u-ada', label: 'ada@acme.example', role: 'admin' };
const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-policies-'));
const t0 = new Date('2026-12-06T10:00:00.000Z');
let db: Db;
let client: pg.Client;

beforeAll(async () => {
  const url = await createTestDatabase('response_policies');
  db = createDb(url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await db.$disconnect();
});

async function workspace(id: string, actKey = true) {
  await createWorkspace(db, admin, { id, name: id, kind: 'workspace', principal: `p-${id}` });
  await db.complianceSource.create({
    data: {
      workspaceId: id,
      baseUrl: 'http://127.0.0.1:9/v1/compliance',
      logTypes: ['CUSTOM_AGENTS_LOG'],
      keyCiphertext: seal(SECRET, 'compliance-api-key', 'sk-read'),
      actKeyCiphertext: actKey ? seal(SECRET, ACT_KEY_PURPOSE, 'sk-act') : null,
      updatedBy: admin.label,
    },
  });
}

let n = 0;
const slack = { connector_id: 'slack', user_approvals: 'never' };
function event(ws: string, agentId: string, eventType: string, at: string) {
  return JSON.stringify({
    event_id: `ev-${++n}`,
    type: 'CUSTOM_AGENTS_LOG',
    timestamp: at,
    principal: { id: `p-${ws}`, type: 'CHATGPT_WORKSPACE' },
    actor: { type: 'ACCOUNT_USER', user_id: 'u-lena', user_email: 'lena@acme.example' },
    event_type: eventType,
    event_details: {
      agent_id: agentId,
      version_id: `v${n}`,
      agent_fields: { name: `Agent ${agentId}`, tools: { connectors: [slack] } },
    },
  });
}
async function deliver(source: LogSource, lines: string[]) {
  const name = `${source}-${++n}.jsonl`;
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n'));
  await ingestAndApply(client, db, file, { source, name, startedBy: source === 'puller' ? 'puller' : 'ada' });
}
const published = (ws: string, ids: string[]) =>
  ids.flatMap((id) => [
    event(ws, id, 'AGENT_CREATED', '2026-12-01T09:00:00.000000Z'),
    event(ws, id, 'AGENT_PUBLISHED', '2026-12-01T10:00:00.000000Z'),
  ]);
const actions = (workspaceId: string) =>
  db.platformAction.findMany({ where: { workspaceId }, orderBy: [{ requestedAt: 'asc' }, { targetId: 'asc' }] });
const decisions = (workspaceId: string) =>
  db.responsePolicyDecision.findMany({ where: { workspaceId }, orderBy: { targetId: 'asc' } });

describe('saveResponsePolicy', () => {
  it('saves each change as a new version with its note, audited; an unchanged save is no version', async () => {
    await workspace('ws-save');
    expect((await loadResponsePolicy(db, 'ws-save')).rules.published_unapproved).toBe('off');
    const first = await saveResponsePolicy(db, admin, 'ws-save', { published_unapproved: 'dry_run' }, { note: 'try' });
    expect(first).toMatchObject({ changed: true, version: 1 });
    expect(await saveResponsePolicy(db, admin, 'ws-save', { published_unapproved: 'dry_run' })).toMatchObject({
      changed: false,
      version: 1,
    });
    await saveResponsePolicy(db, admin, 'ws-save', { published_unapproved: 'on' }, { note: 'go' });
    const policy = await loadResponsePolicy(db, 'ws-save');
    expect(policy).toMatchObject({ version: 2, note: 'go', createdBy: admin.label });
    expect(policy.rules).toEqual({
      published_unapproved: 'on',
      gpt_shared_beyond_policy: 'off',
      trifecta_after_approval: 'off',
    });
    const audit = await db.auditEvent.findMany({ where: { action: 'platform.policy.save', workspaceId: 'ws-save' } });
    expect(audit.map((a) => a.diff)).toEqual([
      { version: 1, note: 'try', published_unapproved: { from: 'off', to: 'dry_run' } },
      { version: 2, note: 'go', published_unapproved: { from: 'dry_run', to: 'on' } },
    ]);
    await expect(saveResponsePolicy(db, admin, 'ws-save', { delete_agent: 'on' })).rejects.toBeInstanceOf(AppError);
  });
});

describe('evaluateResponsePolicies', () => {
  it('a dry run records a decision and a dry_run action, sends nothing; turned on, it asks to unpublish', async () => {
    await workspace('ws-one');
    await deliver('puller', published('ws-one', ['agt-1']));
    await saveResponsePolicy(db, admin, 'ws-one', { published_unapproved: 'dry_run' });
    const dry = await evaluateResponsePolicies(db, 'ws-one', t0);
    expect(dry.decided).toEqual({ dry_run: 1, acted: 0, held: 0 });
    const [decision] = await decisions('ws-one');
    const [action] = await actions('ws-one');
    expect(decision).toMatchObject({
      policyKey: 'published_unapproved',
      targetId: 'agt-1',
      mode: 'dry_run',
      actionId: action!.id,
    });
    expect(action).toMatchObject({
      kind: 'unpublish_agent',
      status: 'dry_run',
      requestedBy: 'policy published_unapproved v1',
      requestedById: null,
      policyKey: 'published_unapproved',
      policyVersion: 1,
    });
    expect(await db.platformActionAttempt.count({ where: { actionId: action!.id } })).toBe(0);

    await saveResponsePolicy(db, admin, 'ws-one', { published_unapproved: 'on' });
    const later = new Date(t0.getTime() + 60_000);
    expect((await evaluateResponsePolicies(db, 'ws-one', later)).decided).toEqual({ dry_run: 0, acted: 1, held: 0 });
    const after = await actions('ws-one');
    expect(after.map((a) => [a.status, a.requestedBy, a.needsApproval])).toEqual([
      ['dry_run', 'policy published_unapproved v1', false],
      ['queued', 'policy published_unapproved v2', false],
    ]);
    expect(await decisions('ws-one')).toMatchObject([{ mode: 'acted', actionId: after[1]!.id }]);

    // Evaluated again (the action still under way, then done or not): nothing more.
    expect((await evaluateResponsePolicies(db, 'ws-one', new Date(later.getTime() + 60_000))).decided).toEqual({
      dry_run: 0,
      acted: 0,
      held: 0,
    });
    await db.platformAction.update({ where: { id: after[1]!.id }, data: { status: 'failed' } });
    await evaluateResponsePolicies(db, 'ws-one', new Date(later.getTime() + 120_000));
    expect(await actions('ws-one')).toHaveLength(2);
    // What the page shows: the decision with its action's status and the agent's name, and both versions.
    expect(await latestDecisions(db, 'ws-one')).toMatchObject([
      { rule: 'published_unapproved', mode: 'acted', actionStatus: 'failed', label: 'Agent agt-1', targetId: 'agt-1' },
    ]);
    expect((await responsePolicyHistory(db, 'ws-one')).map((v) => [v.version, v.rules.published_unapproved])).toEqual([
      [2, 'on'],
      [1, 'dry_run'],
    ]);
    const audited = await db.auditEvent.findMany({
      where: { workspaceId: 'ws-one', action: 'platform.policy.decide' },
    });
    expect(audited.map((a) => [a.actorLabel, (a.diff as { mode: string }).mode])).toEqual([
      ['policy published_unapproved v1', 'dry_run'],
      ['policy published_unapproved v2', 'acted'],
    ]);
  });

  it('60 candidates: 50 unpublished at once, 10 held as one batch that waits for a person', async () => {
    await workspace('ws-many');
    const ids = Array.from({ length: 60 }, (_, i) => `agt-${String(i).padStart(2, '0')}`);
    await deliver('puller', published('ws-many', ids));
    await saveResponsePolicy(db, admin, 'ws-many', { published_unapproved: 'on' });
    expect((await evaluateResponsePolicies(db, 'ws-many', t0)).decided).toEqual({ dry_run: 0, acted: 50, held: 10 });
    const rows = await actions('ws-many');
    const queued = rows.filter((a) => a.status === 'queued');
    const held = rows.filter((a) => a.status === 'awaiting_approval');
    expect(queued).toHaveLength(HOURLY_LIMIT);
    expect(queued.every((a) => !a.needsApproval)).toBe(true);
    expect(held).toHaveLength(60 - HOURLY_LIMIT);
    expect(new Set(held.map((a) => a.batchId)).size).toBe(1);
    expect(held.every((a) => a.needsApproval && a.batchId)).toBe(true);
    expect((await decisions('ws-many')).filter((d) => d.mode === 'held')).toHaveLength(10);
    expect((await evaluateResponsePolicies(db, 'ws-many', new Date(t0.getTime() + 60_000))).decided).toEqual({
      dry_run: 0,
      acted: 0,
      held: 0,
    });
    expect(await actions('ws-many')).toHaveLength(60);
  });

  it('a log file a person uploaded never triggers a policy, even when the pulled feed knows the agent', async () => {
    await workspace('ws-upload');
    await deliver('upload', published('ws-upload', ['up-1']));
    await deliver('puller', [event('ws-upload', 'up-2', 'AGENT_CREATED', '2026-12-01T09:00:00.000000Z')]);
    await deliver('upload', [event('ws-upload', 'up-2', 'AGENT_PUBLISHED', '2026-12-01T10:00:00.000000Z')]);
    const agents = await db.agent.findMany({ where: { workspaceId: 'ws-upload' }, select: { status: true } });
    expect(agents.map((a) => a.status)).toEqual(['published', 'published']);
    await saveResponsePolicy(db, admin, 'ws-upload', { published_unapproved: 'on' });
    expect((await evaluateResponsePolicies(db, 'ws-upload', t0)).decided).toEqual({ dry_run: 0, acted: 0, held: 0 });
    expect(await actions('ws-upload')).toEqual([]);
    // The same publication read by the puller does trigger it.
    await deliver('puller', [event('ws-upload', 'up-2', 'AGENT_PUBLISHED', '2026-12-01T11:00:00.000000Z')]);
    expect((await evaluateResponsePolicies(db, 'ws-upload', t0)).decided.acted).toBe(1);
  });

  it('without an act key a rule that is on records a dry run, and acts once a key is stored', async () => {
    await workspace('ws-nokey', false);
    await deliver('puller', published('ws-nokey', ['nk-1']));
    await saveResponsePolicy(db, admin, 'ws-nokey', { published_unapproved: 'on' });
    const outcome = await evaluateResponsePolicies(db, 'ws-nokey', t0);
    expect(outcome).toMatchObject({ decided: { dry_run: 1, acted: 0, held: 0 }, noActKey: ['published_unapproved'] });
    expect((await decisions('ws-nokey'))[0]!.detail).toMatch(/No act key/);
    await db.complianceSource.update({
      where: { workspaceId: 'ws-nokey' },
      data: { actKeyCiphertext: seal(SECRET, ACT_KEY_PURPOSE, 'sk-act') },
    });
    expect((await evaluateResponsePolicies(db, 'ws-nokey', t0)).decided.acted).toBe(1);
    expect((await actions('ws-nokey')).map((a) => a.status)).toEqual(['dry_run', 'queued']);
  });

  it('after a crash between a decision and its action, the next run links the action or makes it', async () => {
    await workspace('ws-crash');
    await deliver('puller', published('ws-crash', ['cr-1', 'cr-2']));
    // cr-1: the action was requested but the link never written; cr-2: the decision only.
    const made = await requestActions(
      db,
      policyActor('published_unapproved', 1),
      'ws-crash',
      {
        kind: 'unpublish_agent',
        targets: [{ agentId: null, targetId: 'cr-1', label: 'x' }],
        reason: 'r',
        policy: { key: 'published_unapproved', version: 1 },
      },
      t0,
    );
    const hashes = await db.agent.findMany({ where: { workspaceId: 'ws-crash' }, orderBy: { externalId: 'asc' } });
    await db.responsePolicyDecision.createMany({
      data: hashes.map((a) => ({
        workspaceId: 'ws-crash',
        policyKey: 'published_unapproved',
        targetId: a.externalId,
        configHash: a.publishedConfigHash!,
        mode: 'acted',
        decidedAt: t0,
        detail: 'x',
      })),
    });
    await saveResponsePolicy(db, admin, 'ws-crash', { published_unapproved: 'on' });
    const outcome = await evaluateResponsePolicies(db, 'ws-crash', new Date(t0.getTime() + 60_000));
    expect(outcome).toMatchObject({ decided: { dry_run: 0, acted: 0, held: 0 }, requested: 2 });
    const rows = await actions('ws-crash');
    expect(rows.map((a) => a.targetId)).toEqual(['cr-1', 'cr-2']);
    expect((await decisions('ws-crash')).map((d) => d.actionId)).toEqual([made.ids[0], rows[1]!.id]);
  });

  it('two evaluations at the same moment decide and request each target once', async () => {
    await workspace('ws-twice');
    await deliver('puller', published('ws-twice', ['tw-1', 'tw-2', 'tw-3']));
    await saveResponsePolicy(db, admin, 'ws-twice', { published_unapproved: 'on' });
    const outcomes = await Promise.all([
      evaluateResponsePolicies(db, 'ws-twice', t0),
      evaluateResponsePolicies(db, 'ws-twice', t0),
    ]);
    expect(outcomes.reduce((sum, o) => sum + o.decided.acted, 0)).toBe(3);
    expect((await actions('ws-twice')).map((a) => a.targetId)).toEqual(['tw-1', 'tw-2', 'tw-3']);
    expect((await decisions('ws-twice')).every((d) => d.actionId)).toBe(true);
  });
});
