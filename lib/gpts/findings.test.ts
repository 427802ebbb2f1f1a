import { describe, expect, it } from 'vitest';
import { nameSensitivity } from '@/lib/gpts/findings-file-names.ts';
import { evaluateGptFindings, type GptFindingInput, UNUSED_DAYS } from '@/lib/gpts/findings.ts';
import { DEFAULT_GPT_POLICY } from '@/lib/gpts/policy.ts';
import type { GptAction } from '@/lib/gpts/types.ts';

const NOW = '2026-12-06T00:00:00.000Z';
const daysAgo = (n: number) => new Date(Date.parse(NOW) - n * 86_400_000).toISOString();

const action = (domain: string, over: Partial<GptAction> = {}): GptAction => ({
  domain,
  auth: 'oauth',
  privacyPolicyUrl: null,
  schemaStatus: 'parsed',
  schemaProblem: null,
  schemaSha256: null,
  servers: [{ url: `https://${domain}/v1`, scheme: 'https', domain }],
  operations: [],
  ...over,
});

/** A GPT that raises nothing: every later test changes one thing and expects one finding. */
const clean = (): GptFindingInput => ({
  gpt: {
    id: 'g-1',
    owner: { id: 'user-1', email: 'Maya@Acme.example' },
    sharing: { visibility: 'invite_only', recipients: [] },
    capabilities: ['memory'],
    actions: [action('api.crm.example')],
    files: [{ id: 'f1', name: 'deck.pdf', mimeType: null, size: null }],
  },
  policy: { ...DEFAULT_GPT_POLICY, allowedActionDomains: ['crm.example'] },
  fileClassifications: [{ fileId: 'f1', classification: 'internal' }],
  rosterEmails: ['maya@acme.example'],
  useCase: 'Drafts replies to CRM tickets.',
  usage: { logsFrom: daysAgo(200), lastUsedAt: daysAgo(3) },
  now: NOW,
});
const kinds = (input: GptFindingInput) => evaluateGptFindings(input).map((f) => [f.kind, f.subject]);

describe('evaluateGptFindings', () => {
  it('raises nothing for a GPT within policy', () => {
    expect(evaluateGptFindings(clean())).toEqual([]);
  });

  it('finds sharing beyond the broadest the policy allows', () => {
    const input = clean();
    input.gpt.sharing.visibility = 'anyone_with_link';
    expect(evaluateGptFindings(input)).toEqual([
      {
        kind: 'gpt-shared-beyond-policy',
        gptId: 'g-1',
        subject: 'gpt',
        detail: 'Shared with anyone with the link; the policy allows at most workspace directory.',
      },
    ]);
  });

  it('finds an action domain the policy does not allow, by the recorded domain or a server of the schema', () => {
    const input = clean();
    input.gpt.actions = [
      action('evilcrm.example'),
      action('api.crm.example', {
        servers: [{ url: 'https://exfil.example', scheme: 'https', domain: 'exfil.example' }],
      }),
    ];
    expect(evaluateGptFindings(input).map((f) => f.detail)).toEqual([
      'The action calls exfil.example, which the policy does not allow.',
      'The action calls evilcrm.example, which the policy does not allow.',
    ]);
  });

  it('finds an action over plain http', () => {
    const input = clean();
    input.gpt.actions = [
      action('api.crm.example', {
        servers: [{ url: 'http://api.crm.example', scheme: 'http', domain: 'api.crm.example' }],
      }),
    ];
    expect(kinds(input)).toEqual([['gpt-action-plain-http', 'action:api.crm.example']]);
  });

  it('finds an action without auth to an API the policy does not list as public, and a static API key', () => {
    const input = clean();
    input.gpt.actions = [action('api.crm.example', { auth: 'none' }), action('api.crm.example', { auth: 'api_key' })];
    expect(kinds(input)).toEqual([
      ['gpt-action-no-auth', 'action:api.crm.example'],
      ['gpt-action-static-key', 'action:api.crm.example#2'],
    ]);
    input.policy.publicApiDomains = ['crm.example'];
    expect(kinds(input)).toEqual([['gpt-action-static-key', 'action:api.crm.example#2']]);
  });

  it('finds memory on while a knowledge file is confidential or restricted', () => {
    for (const classification of ['confidential', 'restricted'] as const) {
      const input = clean();
      input.fileClassifications = [{ fileId: 'f1', classification }];
      expect(evaluateGptFindings(input).map((f) => f.detail)).toEqual([
        `Memory is on while deck.pdf is classified ${classification}.`,
      ]);
      input.gpt.capabilities = [];
      expect(evaluateGptFindings(input)).toEqual([]);
    }
  });

  it('finds unclassified files, the most sensitive-looking names first', () => {
    const input = clean();
    input.fileClassifications = [];
    input.gpt.files = ['notes.pdf', 'export.json', 'customers.csv', 'salaries.xlsx', 'ssn_list.txt', 'deck.pdf'].map(
      (name, i) => ({ id: `f${i}`, name, mimeType: null, size: null }),
    );
    const found = evaluateGptFindings(input);
    expect(found.every((f) => f.kind === 'gpt-file-unclassified')).toBe(true);
    expect(found.map((f) => f.detail.split(' ')[0])).toEqual([
      'customers.csv',
      'salaries.xlsx',
      'ssn_list.txt',
      'export.json',
      'deck.pdf',
      'notes.pdf',
    ]);
    expect(found[0]!.detail).toBe(
      'customers.csv is not classified yet. Its name suggests sensitive data (customer, csv).',
    );
  });

  it('finds a GPT without owner, and an owner who left the roster (not judged without a roster)', () => {
    const input = clean();
    input.gpt.owner = null;
    expect(kinds(input)).toEqual([['gpt-no-owner', 'gpt']]);
    input.gpt.owner = { id: 'user-1', email: 'left@acme.example' };
    expect(evaluateGptFindings(input).map((f) => f.detail)).toEqual([
      'The owner left@acme.example is no longer on the roster.',
    ]);
    input.rosterEmails = null;
    expect(evaluateGptFindings(input)).toEqual([]);
  });

  it('finds a GPT with no stated business use case', () => {
    for (const useCase of [null, '  ']) expect(kinds({ ...clean(), useCase })).toEqual([['gpt-no-use-case', 'gpt']]);
  });

  it(`finds a GPT not used in ${UNUSED_DAYS} days, only when the logs cover those days`, () => {
    const unused = (usage: GptFindingInput['usage']) => kinds({ ...clean(), usage });
    expect(unused({ logsFrom: daysAgo(200), lastUsedAt: daysAgo(UNUSED_DAYS + 1) })).toEqual([['gpt-unused', 'gpt']]);
    expect(unused({ logsFrom: daysAgo(200), lastUsedAt: null })).toEqual([['gpt-unused', 'gpt']]);
    expect(unused({ logsFrom: daysAgo(200), lastUsedAt: daysAgo(UNUSED_DAYS - 1) })).toEqual([]);
    expect(unused({ logsFrom: daysAgo(30), lastUsedAt: null })).toEqual([]);
    expect(unused(null)).toEqual([]);
  });

  it('sorts by GPT, then by kind in a fixed order', () => {
    const input = clean();
    input.useCase = null;
    input.gpt.owner = null;
    input.gpt.sharing.visibility = 'gpt_store';
    input.gpt.actions = [action('x.example', { auth: 'api_key' })];
    expect(kinds(input).map(([k]) => k)).toEqual([
      'gpt-shared-beyond-policy',
      'gpt-action-domain-not-allowed',
      'gpt-action-static-key',
      'gpt-no-owner',
      'gpt-no-use-case',
    ]);
  });
});

describe('nameSensitivity', () => {
  it('scores personal and bulk data names, whole words only', () => {
    expect(nameSensitivity('customers.csv')).toEqual({ score: 5, terms: ['customer', 'csv'] });
    expect(nameSensitivity('EmployeeSalaries2026.xlsx').terms).toEqual(['salaries', 'employee', 'xlsx']);
    expect(nameSensitivity('Brand guidelines.pdf')).toEqual({ score: 0, terms: [] });
    expect(nameSensitivity('taxonomy.pdf').score).toBe(0);
  });
});
