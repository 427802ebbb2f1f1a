import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gptConfigHash } from '@/lib/gpts/config-hash.ts';
import { diffGptVersions, type GptVersionView, rollbackTarget } from '@/lib/gpts/diff.ts';
import { action, op } from '@/lib/gpts/gpt.fixture.ts';
import { GPT_CAPABILITIES, GPT_VISIBILITIES, type GptAction } from '@/lib/gpts/types.ts';

const v1 = (): GptVersionView => ({
  capabilities: ['code_interpreter', 'memory'],
  actions: [action('crm.example', [op('GET', '/a', false), op('POST', '/b', true)])],
  files: [{ id: 'f1', name: 'deck.pdf', mimeType: 'application/pdf', size: 10 }],
  apps: [{ id: 'slack', name: 'Slack' }],
  sharing: { visibility: 'invite_only', recipients: [{ type: 'user', id: 'u1', email: null }] },
});

describe('diffGptVersions', () => {
  it('finds nothing between a version and itself, in any order', () => {
    const a = v1();
    const b = { ...v1(), capabilities: ['memory' as const, 'code_interpreter' as const], files: [...a.files] };
    expect(diffGptVersions(a, b)).toEqual([]);
  });

  it('lists every change in a stable order: sharing, capabilities, actions, files, apps', () => {
    const after: GptVersionView = {
      capabilities: ['web_browsing', 'memory'],
      actions: [
        action('crm.example', [op('GET', '/a', true), op('DELETE', '/c', true)], {
          auth: 'oauth',
          servers: [{ url: 'http://crm.example', scheme: 'http', domain: 'crm.example' }],
        }),
        action('mail.example', [op('POST', '/send', false)]),
      ],
      files: [
        { id: 'f1', name: 'customers.csv', mimeType: 'application/pdf', size: 10 },
        { id: 'f2', name: 'ssn.csv', mimeType: null, size: null },
      ],
      apps: [{ id: 'gmail', name: 'Gmail' }],
      sharing: { visibility: 'anyone_with_link', recipients: [] },
    };
    const row = (c: ReturnType<typeof diffGptVersions>[number]) =>
      [c.area, c.change, c.subject, c.field, c.before, c.after].map((x) => x ?? '-').join(' | ');
    expect(diffGptVersions(v1(), after).map(row)).toEqual([
      'sharing | removed | user:u1 | recipient | - | -',
      'sharing | changed | visibility | visibility | invite_only | anyone_with_link',
      'capability | removed | code_interpreter | - | - | -',
      'capability | added | web_browsing | - | - | -',
      'action | changed | crm.example | auth | none | oauth',
      'action | changed | crm.example | operation | - | DELETE /c',
      'action | changed | crm.example | operation | POST /b | -',
      'action | changed | crm.example | server | - | http://crm.example',
      'action | changed | crm.example | server | https://crm.example | -',
      'action | changed | crm.example GET /a | consequential | false | true',
      'action | added | mail.example | - | - | none',
      'file | changed | f1 | name | deck.pdf | customers.csv',
      'file | added | f2 | - | - | ssn.csv',
      'app | added | gmail | - | - | -',
      'app | removed | slack | - | - | -',
    ]);
    expect(diffGptVersions(after, v1())).toHaveLength(15);
  });

  it('leaves sharing out when one version does not carry it (the configs route does not)', () => {
    const before = { ...v1(), sharing: null };
    expect(diffGptVersions(before, { ...v1(), sharing: { visibility: 'gpt_store', recipients: [] } })).toEqual([]);
  });

  it('tells two unknown schemas apart by their document', () => {
    const unknown = (sha: string) => ({
      ...v1(),
      actions: [action('x.example', [], { schemaStatus: 'unknown' as const, schemaSha256: sha })],
    });
    expect(diffGptVersions(unknown('a'), unknown('b'))).toEqual([
      { area: 'action', change: 'changed', subject: 'x.example', field: 'schemaSha256', before: 'a', after: 'b' },
    ]);
  });

  it('is empty exactly when the hashes agree', () => {
    const a = v1();
    const b = { ...v1(), capabilities: [...a.capabilities, 'canvas' as const] };
    const hash = (v: GptVersionView) => gptConfigHash({ ...v, sharing: v.sharing! });
    expect(diffGptVersions(a, b).length > 0).toBe(hash(a) !== hash(b));
    expect(diffGptVersions(a, v1()).length > 0).toBe(hash(a) !== hash(v1()));
  });
});

describe('rollbackTarget', () => {
  it('picks the newest version at the approved hash', () => {
    const sharing = v1().sharing!;
    const approved = gptConfigHash({ ...v1(), sharing });
    const versions = [
      { ...v1(), sharing: null, configId: 'c1', configCreatedAt: '2026-01-01T00:00:00Z' },
      { ...v1(), sharing: null, configId: 'c2', configCreatedAt: '2026-02-01T00:00:00Z' },
      {
        ...v1(),
        sharing: null,
        capabilities: ['web_browsing' as const],
        configId: 'c3',
        configCreatedAt: '2026-03-01T00:00:00Z',
      },
    ];
    expect(rollbackTarget(versions, approved, sharing)?.configId).toBe('c2');
    expect(rollbackTarget(versions, 'f'.repeat(64), sharing)).toBeNull();
  });
});

describe('diff and hash agree', () => {
  const version = fc.record({
    capabilities: fc.uniqueArray(fc.constantFrom(...GPT_CAPABILITIES), { maxLength: 3 }),
    visibility: fc.constantFrom(...GPT_VISIBILITIES),
    recipients: fc.uniqueArray(fc.constantFrom('u1', 'u2'), { maxLength: 2 }),
    files: fc.uniqueArray(fc.constantFrom('f1', 'f2'), { maxLength: 2 }),
    apps: fc.uniqueArray(fc.constantFrom('slack', 'gmail'), { maxLength: 2 }),
    auth: fc.constantFrom('none', 'oauth') as fc.Arbitrary<GptAction['auth']>,
    gated: fc.boolean(),
    post: fc.boolean(),
  });
  const build = (v: typeof version extends fc.Arbitrary<infer T> ? T : never): GptVersionView => ({
    capabilities: v.capabilities,
    actions: [
      action('crm.example', [op('GET', '/a', v.gated), ...(v.post ? [op('POST', '/b', true)] : [])], { auth: v.auth }),
    ],
    files: v.files.map((id) => ({ id, name: `${id}.pdf`, mimeType: null, size: null })),
    apps: v.apps.map((id) => ({ id, name: id })),
    sharing: { visibility: v.visibility, recipients: v.recipients.map((id) => ({ type: 'user', id, email: null })) },
  });

  it('property: two versions differ exactly when their hashes differ, and the diff back has as many changes', () => {
    fc.assert(
      fc.property(version, version, (x, y) => {
        const [a, b] = [build(x), build(y)];
        const changes = diffGptVersions(a, b);
        const hash = (v: GptVersionView) => gptConfigHash({ ...v, sharing: v.sharing! });
        expect(changes.length === 0).toBe(hash(a) === hash(b));
        expect(diffGptVersions(b, a)).toHaveLength(changes.length);
      }),
    );
  });
});
