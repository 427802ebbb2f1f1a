import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gptConfigHash } from '@/lib/gpts/config-hash.ts';
import { GPT_CAPABILITIES, GPT_VISIBILITIES, type Gpt, type GptAction, type GptRiskView } from '@/lib/gpts/types.ts';

const action = (domain: string, over: Partial<GptAction> = {}): GptAction => ({
  domain,
  auth: 'oauth',
  privacyPolicyUrl: 'https://x.example/privacy',
  schemaStatus: 'parsed',
  schemaProblem: null,
  schemaSha256: 'a'.repeat(64),
  servers: [
    { url: `https://${domain}/v1`, scheme: 'https', domain },
    { url: `https://eu.${domain}`, scheme: 'https', domain: `eu.${domain}` },
  ],
  operations: [
    { method: 'GET', path: '/a', operationId: 'a', consequential: false, consequentialDeclared: null },
    { method: 'POST', path: '/b', operationId: 'b', consequential: true, consequentialDeclared: null },
  ],
  ...over,
});

const base = (): Gpt => ({
  id: 'g-1',
  name: 'Board deck helper',
  description: 'Drafts board decks',
  owner: { id: 'user-1', email: 'maya@acme.example' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  configId: 'gcfg-1',
  configCreatedAt: '2026-01-02T00:00:00.000Z',
  capabilities: ['web_browsing', 'memory', 'code_interpreter'],
  actions: [action('crm.example'), action('mail.example', { auth: 'api_key' })],
  files: [
    { id: 'f1', name: 'customers.csv', mimeType: 'text/csv', size: 10 },
    { id: 'f2', name: 'deck.pdf', mimeType: 'application/pdf', size: 20 },
  ],
  apps: [
    { id: 'google_drive', name: 'Google Drive' },
    { id: 'slack', name: 'Slack' },
  ],
  sharing: {
    visibility: 'workspace',
    recipients: [
      { type: 'user', id: 'user-2', email: 'a@acme.example' },
      { type: 'group', id: 'grp-1', email: null },
    ],
  },
});

/** Every list of the view in another order. */
function shuffled(view: GptRiskView, seed: number): GptRiskView {
  // A different order for each seed: sort by a hash of the seed and the item.
  const rank = (x: unknown) =>
    createHash('sha256')
      .update(`${seed}:${JSON.stringify(x)}`)
      .digest('hex');
  const mix = <T>(xs: T[]) => [...xs].sort((a, b) => (rank(a) < rank(b) ? -1 : 1));
  return {
    capabilities: mix(view.capabilities),
    actions: mix(view.actions).map((a) => ({ ...a, servers: mix(a.servers), operations: mix(a.operations) })),
    files: mix(view.files),
    apps: mix(view.apps),
    sharing: { ...view.sharing, recipients: mix(view.sharing.recipients) },
  };
}

describe('gptConfigHash', () => {
  it('is a SHA-256 hex digest, the same for the same configuration', () => {
    expect(gptConfigHash(base())).toMatch(/^[0-9a-f]{64}$/);
    expect(gptConfigHash(base())).toBe(gptConfigHash(base()));
  });

  it('property: does not depend on the order of any list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        expect(gptConfigHash(shuffled(base(), seed))).toBe(gptConfigHash(base()));
      }),
    );
  });

  it('ignores name, description, ids of the configuration, operation ids and the privacy link', () => {
    const g = base();
    const renamed: Gpt = {
      ...g,
      name: 'Other',
      description: null,
      configId: 'gcfg-9',
      updatedAt: null,
      actions: g.actions.map((a) => ({
        ...a,
        privacyPolicyUrl: null,
        operations: a.operations.map((o) => ({ ...o, operationId: 'x', consequentialDeclared: o.consequential })),
      })),
    };
    expect(gptConfigHash(renamed)).toBe(gptConfigHash(g));
  });

  const edits: [string, (g: Gpt) => void][] = [
    ['a capability added', (g) => g.capabilities.push('image_generation')],
    ['a capability removed', (g) => g.capabilities.pop()],
    ['an action added', (g) => g.actions.push(action('new.example'))],
    ['an action domain', (g) => (g.actions[0]!.domain = 'crm2.example')],
    ['an action auth', (g) => (g.actions[0]!.auth = 'none')],
    ['a server', (g) => (g.actions[0]!.servers[0]!.url = 'http://crm.example/v1')],
    ['an operation added', (g) => g.actions[0]!.operations.push({ ...g.actions[0]!.operations[0]!, path: '/z' })],
    ['an operation made consequential', (g) => (g.actions[0]!.operations[0]!.consequential = true)],
    ['a schema became unknown', (g) => (g.actions[0]!.schemaStatus = 'unknown')],
    ['a file added', (g) => g.files.push({ id: 'f3', name: 'ssn.csv', mimeType: null, size: null })],
    ['a file renamed', (g) => (g.files[0]!.name = 'salaries.xlsx')],
    ['an app added', (g) => g.apps.push({ id: 'gmail', name: 'Gmail' })],
    ['the visibility', (g) => (g.sharing.visibility = 'anyone_with_link')],
    ['a recipient added', (g) => g.sharing.recipients.push({ type: 'user', id: 'user-3', email: null })],
  ];
  for (const [what, edit] of edits) {
    it(`changes with ${what}`, () => {
      const g = base();
      edit(g);
      expect(gptConfigHash(g)).not.toBe(gptConfigHash(base()));
    });
  }

  it('gives two unknown schemas with different documents different hashes', () => {
    const unknown = (sha: string) => ({
      ...base(),
      actions: [action('x.example', { schemaStatus: 'unknown', schemaSha256: sha })],
    });
    expect(gptConfigHash(unknown('a'.repeat(64)))).not.toBe(gptConfigHash(unknown('b'.repeat(64))));
  });

  it('property: any two different risk views (as sets) hash differently', () => {
    const view = fc.record({
      capabilities: fc.uniqueArray(fc.constantFrom(...GPT_CAPABILITIES)),
      visibility: fc.constantFrom(...GPT_VISIBILITIES),
      files: fc.uniqueArray(fc.constantFrom('f1', 'f2', 'f3')),
      consequential: fc.boolean(),
    });
    const build = (v: {
      capabilities: Gpt['capabilities'];
      visibility: Gpt['sharing']['visibility'];
      files: string[];
      consequential: boolean;
    }) => ({
      ...base(),
      capabilities: v.capabilities,
      files: v.files.map((id) => ({ id, name: id, mimeType: null, size: null })),
      sharing: { visibility: v.visibility, recipients: [] },
      actions: [
        action('x.example', {
          operations: [
            {
              method: 'GET' as const,
              path: '/',
              operationId: null,
              consequential: v.consequential,
              consequentialDeclared: null,
            },
          ],
        }),
      ],
    });
    const key = (v: { capabilities: string[]; visibility: string; files: string[]; consequential: boolean }) =>
      JSON.stringify([[...v.capabilities].sort(), v.visibility, [...v.files].sort(), v.consequential]);
    fc.assert(
      fc.property(view, view, (x, y) => {
        expect(gptConfigHash(build(x)) === gptConfigHash(build(y))).toBe(key(x) === key(y));
      }),
    );
  });
});
