// The acting contract: the real act client (act-client.ts) against the simulated platform (lib/platform-sim), both
// built from lib/gpts/platform/definition.ts. Every acting route of the definition is reached by a kind of action,
// carried out by the simulator on the right target and logged with an event that confirms that kind
// (CONFIRMING_EVENTS); then what the executor must tell apart: 401, 403, 404, 429 (the limit and the random
// ones), a redirect refused, no answer in time — and the retry after a lost answer that acts once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_ROUTES, PLATFORM_ROUTES, type RouteName } from '@/lib/gpts/platform/definition.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { type PlatformSim, type SimOptions, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource, type Json } from '@/lib/platform-sim/source.ts';
import { sendAction } from './act-client.ts';
import { ACTION_KINDS, type ActionKind, COMPLIANCE_API_CLIENT_ID, CONFIRMING_EVENTS } from './kinds.ts';

const PRINCIPAL = 'ws-act-contract';
const READ = 'sk-read-contract';
const ACT = 'sk-act-contract';
const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z'));
const AGENTS = [{ id: 'agent-ops', name: 'Ops helper' }];
const withFiles = DEMO.find((d) => ((d.gpt.latest_config as { files: unknown[] }).files ?? []).length > 0)!;
const fileId = ((withFiles.gpt.latest_config as { files: { id: string }[] }).files[0] as { id: string }).id;
/** A target each kind can act on, in the demo's data (the GPTs differ so that a delete does not hide another). */
const TARGETS: Record<ActionKind, { targetId: string; fileId?: string }> = {
  unpublish_agent: { targetId: 'agent-ops' },
  delete_agent: { targetId: 'agent-ops' },
  isolate_gpt: { targetId: DEMO.find((d) => d.sharedUsers.length > 0)!.gpt.id as string },
  delete_gpt_file: { targetId: withFiles.gpt.id as string, fileId },
  delete_gpt: { targetId: DEMO.at(-1)!.gpt.id as string },
};

let sim: PlatformSim | null = null;
let other: http.Server | null = null;
afterEach(async () => {
  await sim?.close();
  other?.close();
  [sim, other] = [null, null];
});
async function start(options: Partial<SimOptions> = {}) {
  sim = await startPlatformSim({
    principal: PRINCIPAL,
    apiKey: READ,
    actKey: ACT,
    agents: AGENTS,
    source: arraySource(DEMO),
    ...options,
  });
  return { baseUrl: sim.url, principal: PRINCIPAL, actKey: ACT };
}

describe('the act client and the simulated platform agree', () => {
  it('on every acting route of the definition: its kind reaches it, acts on the target, logs the event', async () => {
    const acting = (Object.keys(PLATFORM_ROUTES) as RouteName[]).filter((n) => PLATFORM_ROUTES[n].acting);
    expect(new Set(Object.values(ACTION_ROUTES))).toEqual(new Set(acting));
    const settings = await start();
    for (const kind of ACTION_KINDS) {
      const result = await sendAction(settings, kind, TARGETS[kind], `contract-${kind}`);
      expect(result, kind).toMatchObject({ status: 200, error: null });
      const act = sim!.acted.at(-1)!;
      expect([act.route, act.idempotencyKey]).toEqual([ACTION_ROUTES[kind], `contract-${kind}`]);
      expect(act.params.agent_id ?? act.params.gpt_id).toBe(TARGETS[kind].targetId);
      expect(act.params.file_id).toBe(TARGETS[kind].fileId);
      const event = sim!.logs.files.at(-1)!.lines[0] as Json & { event_details: Json };
      expect(CONFIRMING_EVENTS[kind]).toContain(event.event_type);
      expect(event.client_id).toBe(COMPLIANCE_API_CLIENT_ID);
      expect(event.event_details.agent_id ?? event.event_details.gpt_id).toBe(TARGETS[kind].targetId);
    }
    expect(sim!.acted.length).toBe(ACTION_KINDS.length);
  });

  it('on refusals: a wrong key is 401, the read key 403 naming the scope, an unknown target 404', async () => {
    const settings = await start();
    const wrong = await sendAction(
      { ...settings, actKey: 'sk-nobody' },
      'unpublish_agent',
      TARGETS.unpublish_agent,
      'a',
    );
    expect(wrong).toMatchObject({ status: 401, error: 'the platform answered 401: invalid API key' });
    const read = await sendAction({ ...settings, actKey: READ }, 'unpublish_agent', TARGETS.unpublish_agent, 'b');
    expect(read).toMatchObject({
      status: 403,
      error: 'the platform answered 403: this key lacks the delete/act scope',
    });
    expect(JSON.stringify([wrong, read])).not.toMatch(/sk-nobody|sk-read/);
    expect(await sendAction(settings, 'delete_agent', { targetId: 'agent-gone' }, 'c')).toMatchObject({ status: 404 });
    expect(await sendAction(settings, 'delete_gpt', { targetId: 'g-gone' }, 'd')).toMatchObject({ status: 404 });
    expect(sim!.acted).toEqual([]);
  });

  it('on 429: the route limit and the random ones both say when to come back', async () => {
    const settings = await start({ rateLimit: { perMinute: 1, now: () => 30_000 } });
    expect((await sendAction(settings, 'unpublish_agent', TARGETS.unpublish_agent, 'r1')).status).toBe(200);
    const limited = await sendAction(settings, 'unpublish_agent', TARGETS.unpublish_agent, 'r2');
    expect(limited).toMatchObject({ status: 429, retryAfterMs: 60_000, error: expect.stringMatching(/rate limit/) });
    await sim!.close();
    const random = await start({ randomThrottle: 1 });
    const thrown = await sendAction(random, 'isolate_gpt', TARGETS.isolate_gpt, 'r3');
    expect(thrown.status).toBe(429);
    expect([1_000, 2_000, 3_000]).toContain(thrown.retryAfterMs);
    expect(sim!.acted).toEqual([]);
  });

  it('on a redirect: refused, and the host it points at hears nothing', async () => {
    let heard = 0;
    other = http.createServer((_req, res) => {
      heard++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => other!.listen(0, '127.0.0.1', resolve));
    const elsewhere = `http://127.0.0.1:${(other.address() as AddressInfo).port}/steal`;
    const settings = await start({ failures: [{ route: 'deleteAgent', status: 302, times: 1, location: elsewhere }] });
    const result = await sendAction(settings, 'delete_agent', TARGETS.delete_agent, 'x1');
    expect(result).toMatchObject({
      status: 302,
      error: expect.stringMatching(/redirect to 127\.0\.0\.1:\d+: not followed/),
    });
    expect(heard).toBe(0);
    expect(sim!.agentStatus('agent-ops')).toBe('published');
  });

  it('on a lost answer: no status after the timeout; the same key then gets the answer, acting once', async () => {
    const settings = await start({ slowAnswers: [{ route: 'unpublishAgent', ms: 5_000, times: 1 }] });
    const lost = await sendAction(settings, 'unpublish_agent', TARGETS.unpublish_agent, 'once', { timeoutMs: 150 });
    expect(lost).toMatchObject({ status: null, error: expect.stringMatching(/no answer within/) });
    const retry = await sendAction(settings, 'unpublish_agent', TARGETS.unpublish_agent, 'once');
    expect(retry).toMatchObject({ status: 200, body: { id: 'agent-ops', status: 'unpublished' }, error: null });
    expect(sim!.acted.length).toBe(1);
    expect(sim!.logs.files.length).toBe(1);
  });
});
