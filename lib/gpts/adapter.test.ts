// The adapter maps the platform's raw GPT (as the demo's simulated platform serves it) to the domain GPT, keeps
// the raw objects, and reads values it does not know the cautious way.
import { describe, expect, it } from 'vitest';
import { DEMO_ACTIONS } from '@/lib/platform-sim/action-schemas.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { type AdaptedGpt, adaptGpt, type SchemaCache } from './adapter.ts';
import { type RawConfig, type RawGpt, type RawSharedUser, rawGpt } from './platform/definition.ts';

const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z'));
const named = (name: string) => {
  const found = DEMO.find((d) => d.gpt.name === name || (d.gpt.latest_config as { name: string }).name === name)!;
  return {
    gpt: rawGpt.parse(found.gpt),
    configs: found.configs as RawConfig[],
    sharedUsers: found.sharedUsers as RawSharedUser[],
  };
};
const withConfig = (gpt: RawGpt, change: Partial<RawConfig>): RawGpt => ({
  ...gpt,
  latest_config: { ...gpt.latest_config, ...change },
});

describe('adaptGpt', () => {
  it('maps tools to capabilities in one order, keeps files, versions oldest first and the raw objects', async () => {
    const bundle = named('Market research analyst');
    const adapted = await adaptGpt(bundle);
    expect(adapted.gpt.capabilities).toEqual(['web_browsing', 'code_interpreter', 'memory']);
    expect(adapted.gpt.files.map((f) => [f.name, f.mimeType])).toEqual([
      ['customers.csv', 'text/csv'],
      ['pipeline-2026.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    expect(adapted.versions.map((v) => v.configId)).toEqual(bundle.configs.map((c) => c.id).reverse());
    expect(adapted.versions.map((v) => v.capabilities)).toEqual([
      ['code_interpreter'],
      ['code_interpreter', 'memory'],
      ['web_browsing', 'code_interpreter', 'memory'],
    ]);
    expect(adapted.raw).toEqual({ gpt: bundle.gpt, configs: bundle.configs, sharedUsers: bundle.sharedUsers });
    expect(adapted.gpt.owner).toEqual({ id: 'user-priya-shah', email: 'priya.shah@acme.example' });
    expect(adapted.gpt.createdAt).toBe(new Date((bundle.gpt.created_at as number) * 1000).toISOString());
    expect(adapted.notes).toEqual([]);
  });

  it('reads actions through the OpenAPI parser: domains, auth, operations with the consequential rule', async () => {
    const adapted = await adaptGpt(named('Partner update sender'));
    const [crm, zap] = adapted.gpt.actions;
    expect([crm!.domain, crm!.auth, zap!.domain, zap!.auth]).toEqual([
      'crm.acme.example',
      'oauth',
      'hooks.zapier.com',
      'none',
    ]);
    expect(crm!.operations.map((o) => [o.method, o.path, o.consequential, o.consequentialDeclared])).toEqual([
      ['GET', '/accounts', false, null],
      ['GET', '/accounts/{accountId}', false, null],
      ['POST', '/accounts/{accountId}/notes', true, true],
    ]);
    expect(zap!.operations.map((o) => [o.method, o.consequential])).toEqual([['POST', false]]);
    expect(zap!.privacyPolicyUrl).toBeNull();
  });

  it('reads a YAML schema, and makes an unreadable one unknown', async () => {
    const jira = await adaptGpt(named('Jira ticket writer'));
    expect(jira.gpt.actions[0]!.operations.map((o) => `${o.method} ${o.path}`)).toEqual(['POST /issue', 'GET /search']);
    const broken = await adaptGpt(named('Expense claim helper'));
    expect(broken.gpt.actions[0]).toMatchObject({ domain: 'expenses.acme.example', schemaStatus: 'unknown' });
  });

  it('takes the domain from the schema when the platform gives none; reads a schema sent as an object', async () => {
    const base = named('Field visit weather').gpt;
    const gpt = withConfig(base, {
      tools: [
        {
          type: 'action',
          action: { auth: { type: 'none' }, openapi_schema: JSON.parse(DEMO_ACTIONS.weather.schema) },
        },
      ],
    });
    const [action] = (await adaptGpt({ gpt })).gpt.actions;
    expect(action).toMatchObject({ domain: 'api.open-meteo.com', schemaStatus: 'parsed' });
  });

  it('reads unknown visibility as the broadest, unknown tools as unknown actions, unknown auth as a key', async () => {
    const base = named('SQL explainer').gpt;
    const gpt = withConfig(
      { ...base, sharing: { visibility: 'partner_network' } },
      {
        tools: [
          { type: 'python' },
          { type: 'hologram' },
          { type: 'action', action: { domain: 'x.acme.example', auth: { type: 'mtls' }, openapi_schema: null } },
          { type: 'action', action: { domain: 'y.acme.example' } },
        ],
      },
    );
    const adapted = await adaptGpt({ gpt });
    expect(adapted.gpt.sharing.visibility).toBe('gpt_store');
    expect(adapted.gpt.actions.map((a) => [a.domain, a.auth, a.schemaStatus])).toEqual([
      ['', 'api_key', 'unknown'],
      ['x.acme.example', 'api_key', 'unknown'],
      ['y.acme.example', 'api_key', 'unknown'],
    ]);
    expect(adapted.notes).toEqual([
      expect.stringMatching(/"hologram" is not one Tollgate knows/),
      expect.stringMatching(/auth "mtls" on x.acme.example/),
      expect.stringMatching(/y.acme.example states no auth/),
      expect.stringMatching(/Sharing "partner_network"/),
    ]);
  });

  it('takes recipients from the shared-users route when read, else from the GPT; names groups', async () => {
    const bundle = named('Jira ticket writer');
    const fromGpt = await adaptGpt({ gpt: bundle.gpt });
    expect(fromGpt.gpt.sharing.recipients.at(-1)).toEqual({ type: 'group', id: 'grp-sales-team', email: null });
    const fromRoute = await adaptGpt({ ...bundle, sharedUsers: [{ id: 'user-x', email: 'x@acme.example' }] });
    expect(fromRoute.gpt.sharing.recipients).toEqual([{ type: 'user', id: 'user-x', email: 'x@acme.example' }]);
  });

  it('adds the latest configuration to the versions when the configs route omits it; ISO times pass', async () => {
    const bundle = named('Deal desk pricing');
    const gpt = { ...bundle.gpt, created_at: '2026-03-01T10:00:00+02:00', owner_id: null, owner_email: null };
    const adapted = await adaptGpt({ gpt, configs: bundle.configs.slice(1) });
    expect(adapted.versions.map((v) => v.configId)).toEqual(bundle.configs.map((c) => c.id).reverse());
    expect(adapted.gpt.createdAt).toBe('2026-03-01T08:00:00.000Z');
    expect(adapted.gpt.owner).toBeNull();
  });

  it('parses a schema shared by several GPTs once', async () => {
    const cache: SchemaCache = new Map();
    const results: AdaptedGpt[] = [];
    for (const name of ['Partner update sender', 'Customer note taker'])
      results.push(await adaptGpt(named(name), cache));
    expect(cache.size).toBe(2); // acmeCrm (shared by both) and zapier
    expect(results[1]!.gpt.actions[0]).toEqual(results[0]!.gpt.actions[0]);
  });
});
