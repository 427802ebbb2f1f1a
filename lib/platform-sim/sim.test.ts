// The simulated platform's data and limits: the demo's GPTs hold the cases the demo promises, owned by the demo's
// people; the rate limit counts each route on its own; the acting routes change what later reads show.
import { describe, expect, it } from 'vitest';
import { domainAllowed } from '@/lib/gpts/policy-domains.ts';
import { parseMembers } from '@/lib/roster/members-csv.ts';
import { DEMO_MEMBERS } from '@/lib/seed/demo-roster.ts';
import { DEMO_GPT_ALLOWED_DOMAINS } from './action-schemas.ts';
import { demoGpts } from './demo-gpts.ts';
import { startPlatformSim } from './server.ts';
import { arraySource, type Json } from './source.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
type Tool = { type: string; action?: { domain: string; openapi_schema: string } };
const config = (gpt: Json) => gpt.latest_config as { name: string; tools: Tool[]; files: unknown[] };
const actionDomains = (gpt: Json) => config(gpt).tools.flatMap((t) => (t.action ? [t.action.domain] : []));

describe('the demo GPTs', () => {
  const demo = demoGpts(NOW);

  it('are about forty, with unique ids, the same for the same day, owned by people of the demo roster', () => {
    expect(demo.length).toBeGreaterThanOrEqual(35);
    expect(new Set(demo.map((d) => d.gpt.id)).size).toBe(demo.length);
    expect(demoGpts(NOW)).toEqual(demo);
    const roster = parseMembers(DEMO_MEMBERS);
    const members = new Map(roster.rows.map((m) => [m.email, m.status]));
    expect(demo.every((d) => members.has(d.gpt.owner_email as string))).toBe(true);
    const departed = demo.filter((d) => members.get(d.gpt.owner_email as string) === 'deactivated');
    expect(departed.length).toBeGreaterThan(0);
  });

  it('hold a browsing GPT with knowledge files, one shared with anyone with the link, one domain not allowed', () => {
    const browsingWithFiles = demo.filter(
      (d) => config(d.gpt).tools.some((t) => t.type === 'browser') && config(d.gpt).files.length > 0,
    );
    expect(browsingWithFiles.map((d) => config(d.gpt).name)).toEqual(['Market research analyst']);
    expect(demo.some((d) => (d.gpt.sharing as { visibility: string }).visibility === 'anyone_with_link')).toBe(true);
    const refused = demo
      .flatMap((d) => actionDomains(d.gpt))
      .filter((domain) => !domainAllowed(domain, DEMO_GPT_ALLOWED_DOMAINS));
    expect([...new Set(refused)]).toEqual(['hooks.zapier.com']);
  });

  it('have several versions, an earlier one lacking a later tool, and schemas with and without the flag', () => {
    expect(demo.every((d) => d.configs.length > 1)).toBe(true);
    const research = demo.find((d) => config(d.gpt).name === 'Market research analyst')!;
    const oldest = research.configs.at(-1) as { tools: Tool[] };
    expect(oldest.tools.some((t) => t.type === 'browser')).toBe(false);
    const schemas = demo.flatMap((d) =>
      config(d.gpt).tools.flatMap((t) => (t.action ? [t.action.openapi_schema] : [])),
    );
    expect(schemas.some((s) => /x-openai-isConsequential["']?: true/.test(s))).toBe(true);
    expect(schemas.some((s) => /x-openai-isConsequential["']?: false/.test(s))).toBe(true);
    expect(schemas.some((s) => !s.includes('x-openai-isConsequential'))).toBe(true);
  });
});

describe('the simulated rate limit', () => {
  it('counts each route on its own window and says when to come back', async () => {
    let clock = 0;
    const demo = demoGpts(NOW);
    const sim = await startPlatformSim({
      principal: 'ws-rate',
      source: arraySource(demo),
      rateLimit: { perMinute: 2, now: () => clock },
    });
    try {
      const get = (path: string) => fetch(`${sim.url}/workspaces/ws-rate${path}`);
      const gpt = demo[0]!.gpt.id as string;
      expect((await get('/gpts')).status).toBe(200);
      clock = 20_000;
      expect((await get('/gpts')).status).toBe(200);
      const limited = await get('/gpts');
      expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '40']);
      expect((await get(`/gpts/${gpt}/configs`)).status).toBe(200);
      clock = 60_000;
      expect((await get('/gpts')).status).toBe(200);
      expect((await get('/gpts?limit=500')).status).toBe(400);
      clock = 120_000;
      expect((await get('/gpts?after=g-nobody')).status).toBe(400);
      expect((await get('/gpts/g-nobody')).status).toBe(404);
    } finally {
      await sim.close();
    }
  });
});

describe('the simulated acting routes', () => {
  it('isolate, delete a file and delete a GPT, and every later read shows it', async () => {
    const demo = demoGpts(NOW);
    const sim = await startPlatformSim({ principal: 'ws-act', source: arraySource(demo) });
    try {
      const call = (method: string, path: string) => fetch(`${sim.url}/workspaces/ws-act${path}`, { method });
      const shared = demo.find((d) => d.sharedUsers.length > 0)!.gpt.id as string;
      const withFiles = demo.find((d) => config(d.gpt).files.length > 1)!;
      const fileId = (config(withFiles.gpt).files[0] as { id: string }).id;
      const gone = demo[2]!.gpt.id as string; // the last of the first page of three
      expect((await call('DELETE', `/gpts/${shared}/shared_users`)).status).toBe(200);
      expect((await call('DELETE', `/gpts/${withFiles.gpt.id}/files/${fileId}`)).status).toBe(200);
      expect((await call('DELETE', `/gpts/${withFiles.gpt.id}/files/${fileId}`)).status).toBe(404);
      expect((await call('DELETE', `/gpts/${gone}`)).status).toBe(200);
      expect((await call('GET', `/gpts/${gone}`)).status).toBe(404);
      expect(sim.acted.map((a) => a.route)).toEqual(['isolateGpt', 'deleteFile', 'deleteGpt']);

      const listed: Json[] = [];
      for (let after: string | null = null, more = true; more; ) {
        const page = (await (await call('GET', `/gpts?limit=3${after ? `&after=${after}` : ''}`)).json()) as {
          data: Json[];
          has_more: boolean;
          last_id: string;
        };
        listed.push(...page.data);
        [after, more] = [page.last_id, page.has_more];
      }
      expect(listed.map((g) => g.id)).toEqual(demo.map((d) => d.gpt.id).filter((id) => id !== gone));
      const isolated = listed.find((g) => g.id === shared)!;
      expect(isolated.sharing).toEqual({ visibility: 'private', recipients: [] });
      expect(await (await call('GET', `/gpts/${shared}/shared_users`)).json()).toMatchObject({ data: [] });
      const trimmed = listed.find((g) => g.id === withFiles.gpt.id)!;
      expect(config(trimmed).files.map((f) => (f as { id: string }).id)).not.toContain(fileId);
      expect(config(trimmed).files.length).toBe(config(withFiles.gpt).files.length - 1);
    } finally {
      await sim.close();
    }
  });
});
