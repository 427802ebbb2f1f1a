// The simulated platform's acting side: two keys kept apart, agents unpublished and deleted, the Idempotency-Key
// replay (acted once), random 429s drawn from a seed, answers held back after the act, and the log feed that
// serves each act's event the way the puller reads it (list → redirect → signed JSONL).
import { afterEach, describe, expect, it } from 'vitest';
import { COMPLIANCE_API_CLIENT_ID } from '@/lib/platform/kinds.ts';
import { demoGpts } from './demo-gpts.ts';
import { type PlatformSim, type SimOptions, startPlatformSim } from './server.ts';
import { arraySource, type Json } from './source.ts';

const READ = 'sk-read-sim';
const ACT = 'sk-act-sim';
const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z'));
const AGENTS = [
  { id: 'agent-a', name: 'Sales Ops Agent' },
  { id: 'agent-b', name: 'Vendor intake' },
];
let sim: PlatformSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(options: Partial<SimOptions> = {}) {
  sim = await startPlatformSim({
    principal: 'ws-acts',
    apiKey: READ,
    actKey: ACT,
    agents: AGENTS,
    source: arraySource(DEMO),
    ...options,
  });
  const base = `${sim.url}/workspaces/ws-acts`;
  return (method: string, path: string, key: string | null, idem?: string) =>
    fetch(`${base}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(idem ? { 'idempotency-key': idem } : {}) },
    });
}
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Json });

describe('the simulated acting routes', () => {
  it('act with the act key only (the read key: 403 naming the scope, others 401), read with the read key', async () => {
    const call = await start();
    expect(await json(await call('POST', '/agents/agent-a/unpublish', READ))).toEqual({
      status: 403,
      body: { error: { message: 'this key lacks the delete/act scope' } },
    });
    expect((await call('POST', '/agents/agent-a/unpublish', 'sk-other')).status).toBe(401);
    expect((await call('POST', '/agents/agent-a/unpublish', null)).status).toBe(401);
    expect((await call('DELETE', `/gpts/${DEMO[0]!.gpt.id}`, READ)).status).toBe(403);
    expect(sim!.acted).toEqual([]);
    expect((await call('GET', '/gpts', READ)).status).toBe(200);
    expect(await json(await call('GET', '/gpts', ACT))).toMatchObject({
      status: 403,
      body: { error: { message: /read scope/ } },
    });
    expect((await call('GET', '/logs?event_type=CUSTOM_AGENTS_LOG', ACT)).status).toBe(403);
  });

  it('unpublish then delete an agent; an unknown or deleted agent is 404', async () => {
    const call = await start();
    expect(await json(await call('POST', '/agents/agent-a/unpublish', ACT, 'k1'))).toMatchObject({
      status: 200,
      body: { id: 'agent-a', status: 'unpublished' },
    });
    expect([sim!.agentStatus('agent-a'), sim!.agentStatus('agent-b')]).toEqual(['unpublished', 'published']);
    expect((await call('DELETE', '/agents/agent-a', ACT, 'k2')).status).toBe(200);
    expect((await call('POST', '/agents/agent-a/unpublish', ACT, 'k3')).status).toBe(404);
    expect((await call('DELETE', '/agents/agent-nobody', ACT, 'k4')).status).toBe(404);
    expect(sim!.acted.map((a) => [a.route, a.params.agent_id, a.idempotencyKey])).toEqual([
      ['unpublishAgent', 'agent-a', 'k1'],
      ['deleteAgent', 'agent-a', 'k2'],
    ]);
    expect(sim!.logs.files.map((f) => f.lines[0]!.event_type)).toEqual(['AGENT_UNPUBLISHED', 'AGENT_DELETED']);
  });

  it('answer a repeated Idempotency-Key with the first answer, acting once; on another request: 422', async () => {
    const call = await start();
    const gpt = DEMO[1]!.gpt.id as string;
    const first = await json(await call('DELETE', `/gpts/${gpt}`, ACT, 'same'));
    const again = await call('DELETE', `/gpts/${gpt}`, ACT, 'same');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(first);
    expect(first.status).toBe(200);
    // Without the key the GPT is gone already: the replay is what kept the second answer a success.
    expect((await call('DELETE', `/gpts/${gpt}`, ACT, 'other')).status).toBe(404);
    expect((await call('POST', '/agents/agent-b/unpublish', ACT, 'same')).status).toBe(422);
    expect(sim!.acted.length).toBe(1);
    expect(sim!.logs.files.length).toBe(1);
    expect(sim!.agentStatus('agent-b')).toBe('published');
  });

  it('throttle acting requests at random, the same ones for the same seed, each with a Retry-After', async () => {
    const run = async () => {
      const call = await start({ randomThrottle: 0.5, seed: 42 });
      const answers: string[] = [];
      for (let i = 0; i < 12; i++) {
        const response = await call('POST', '/agents/agent-a/unpublish', ACT, `t-${i}`);
        answers.push(`${response.status}:${response.headers.get('retry-after') ?? '-'}`);
      }
      expect((await call('GET', '/gpts', READ)).status).toBe(200);
      await sim!.close();
      sim = null;
      return answers;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((a) => a.startsWith('429:')).length).toBeGreaterThan(0);
    expect(first.filter((a) => a === '200:-').length).toBeGreaterThan(0);
    expect(first.filter((a) => a.startsWith('429:')).every((a) => /^429:[1-3]$/.test(a))).toBe(true);
  });

  it('hold an answer back after acting, when asked, and replay it to the retry', async () => {
    const call = await start({ slowAnswers: [{ route: 'unpublishAgent', ms: 5_000, times: 1 }] });
    const lost = await fetch(`${sim!.url}/workspaces/ws-acts/agents/agent-a/unpublish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ACT}`, 'idempotency-key': 'lost' },
      signal: AbortSignal.timeout(200),
    }).catch((e: Error) => e.name);
    expect(lost).toBe('TimeoutError');
    expect(sim!.agentStatus('agent-a')).toBe('unpublished');
    expect((await call('POST', '/agents/agent-a/unpublish', ACT, 'lost')).status).toBe(200);
    expect(sim!.acted.length).toBe(1);
  });
});

describe('the simulated log feed', () => {
  it('lists each act as a file after the cursor, redirects to a signed JSONL, refuses a wrong signature', async () => {
    let clock = Date.parse('2026-12-06T10:00:00Z');
    const call = await start({ now: () => clock });
    await call('POST', '/agents/agent-a/unpublish', ACT, 'u1');
    await call('POST', '/agents/agent-b/unpublish', ACT, 'u2');
    clock += 60_000;
    await call('DELETE', `/gpts/${DEMO[0]!.gpt.id}/shared_users`, ACT, 'i1');
    const page = await json(await call('GET', '/logs?event_type=CUSTOM_AGENTS_LOG&limit=1', READ));
    const data = page.body.data as { id: string }[];
    expect(page.body).toMatchObject({ has_more: true, last_end_time: '2026-12-06T10:00:00.000000Z' });
    const next = await json(
      await call('GET', `/logs?event_type=CUSTOM_AGENTS_LOG&limit=5&after=${page.body.last_end_time}`, READ),
    );
    expect(next.body).toMatchObject({ has_more: false, last_end_time: '2026-12-06T10:00:00.000001Z' });
    const audit = await json(await call('GET', '/logs?event_type=AUDIT_LOG', READ));
    expect((audit.body.data as unknown[]).length).toBe(1);
    expect((await call('GET', '/logs?event_type=CUSTOM_AGENTS_LOG&after=yesterday', READ)).status).toBe(400);

    const redirect = await call('GET', `/logs/${data[0]!.id}`, READ);
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location')!, sim!.url);
    const file = await fetch(location);
    expect(file.headers.get('content-type')).toBe('application/jsonl');
    const [line] = (await file.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(line).toMatchObject({
      type: 'CUSTOM_AGENTS_LOG',
      event_type: 'AGENT_UNPUBLISHED',
      client_id: COMPLIANCE_API_CLIENT_ID,
      principal: { id: 'ws-acts', type: 'CHATGPT_WORKSPACE' },
      event_details: { agent_id: 'agent-a', agent_fields: { name: 'Sales Ops Agent' } },
    });
    location.searchParams.set('sig', 'forged');
    expect((await fetch(location)).status).toBe(403);
    expect((await call('GET', '/logs/no-such-file', READ)).status).toBe(404);
    expect((await call('GET', '/logs/%E0%A4%A', READ)).status).toBe(404);
  });

  it('keeps answering an empty list when the demo asks for it', async () => {
    const call = await start({ emptyLogs: true });
    await call('POST', '/agents/agent-a/unpublish', ACT, 'e1');
    expect((await json(await call('GET', '/logs?event_type=CUSTOM_AGENTS_LOG', READ))).body).toMatchObject({
      data: [],
      last_end_time: null,
    });
  });
});
