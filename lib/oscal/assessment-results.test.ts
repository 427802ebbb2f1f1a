import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { AttestationRecord, ExposedAgent } from '@/lib/evidence/types.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { agents, DAY, now, passingFacts, some } from '@/lib/posture/facts.fixture.ts';
import { scorePosture } from '@/lib/posture/score.ts';
import type { AttestationFact, ControlDef, PostureFacts } from '@/lib/posture/types.ts';
import {
  assessmentResults,
  OSCAL_NAMESPACE,
  oscalControlId,
  TOLLGATE_NS,
  uuidV5,
  type AssessmentResultsInput,
} from './assessment-results.ts';
import { frameworkRefs } from '@/lib/evidence/framework-refs.ts';
import { frameworkResourceUuid } from './frameworks.ts';

// NIST's OSCAL 1.0.4 assessment-results schema (public domain), copied from the reference into the repo.
const SCHEMA = path.resolve(
  import.meta.dirname,
  '../../test/fixtures/oscal/oscal_assessment-results_schema-1.0.4.json',
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
const errorsOf = (doc: unknown) => (validate(doc) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`));

// The parts of an OSCAL assessment-results document these tests read (the module builds it as plain JSON).
type Prop = { name: string; ns?: string; value: string };
type Link = { href: string };
type Evidence = { href?: string; description?: string; props?: Prop[] };
type Observation = {
  uuid: string;
  methods: string[];
  description: string;
  props: Prop[];
  'relevant-evidence': Evidence[];
  origins: { actors: { type: string; 'actor-uuid': string; 'role-id'?: string }[] }[];
};
type Finding = {
  target: { 'target-id': string; status: { state: string }; 'implementation-status'?: { state: string } };
  props: Prop[];
  'related-observations': { 'observation-uuid': string }[];
  'related-risks'?: { 'risk-uuid': string }[];
};
type Risk = { uuid: string; title: string; status: string; description: string };
type Resource = {
  uuid: string;
  title?: string;
  props?: Prop[];
  'document-ids'?: { scheme: string; identifier: string }[];
};
type Result = {
  findings: Finding[];
  observations: Observation[];
  risks?: Risk[];
  'reviewed-controls': {
    'control-selections': { 'include-controls': { 'control-id': string }[] }[];
    links: Link[];
  };
};
type Doc = {
  'assessment-results': {
    uuid: string;
    metadata: { version: string; 'last-modified': string; parties: { uuid: string; name: string }[] };
    'import-ap': Link;
    results: Result[];
    'back-matter': { resources: Resource[] };
  };
};
const defs = CATALOGUE.controls as ControlDef[];
const valid = (by: string) => ({
  status: 'valid' as const,
  attestedBy: by,
  expiresAt: new Date(now.getTime() + 30 * DAY),
});

/** 1.1 attested (pass), 2.1 stale, 1.2 nobody attested, 2.2 not applicable, 6.4 failing on one exposed agent. */
function facts(over: Partial<PostureFacts> = {}): PostureFacts {
  return passingFacts({
    firstUseRule: false,
    agents: agents({ exposed: some(1, { label: 'Deal desk', href: '/agents/a1' }) }),
    attestations: new Map<string, AttestationFact>([
      ['1.1', valid('greta@acme.example')],
      ['2.1', { status: 'stale', attestedBy: 'greta@acme.example', expiresAt: new Date(now.getTime() - DAY) }],
    ]),
    notApplicable: new Map([['2.2', { id: 'e1', title: 'Retention set by the tenant' }]]),
    ...over,
  });
}
const attestation: AttestationRecord = {
  id: 'att-1',
  controlId: '1.1',
  statement: 'SAML SSO enforced for every member; screenshot of the IdP app attached.',
  attestedBy: 'greta@acme.example',
  attestedAt: new Date(now.getTime() - 10 * DAY),
  expiresAt: new Date(now.getTime() + 30 * DAY),
  revokedAt: null,
  evidence: { url: 'https://wiki.acme.example/sso evidence' },
};
const fileAttestation: AttestationRecord = {
  ...attestation,
  id: 'att-2',
  controlId: '2.1',
  attestedBy: 'Omar Diaz',
  evidence: { filename: 'soc2.pdf', sha256: 'ab'.repeat(32), bytes: 1234 },
  expiresAt: new Date(now.getTime() - DAY),
};
const exposed: ExposedAgent[] = [
  {
    externalId: 'ag-2',
    name: 'Inbox triage',
    ownerEmail: null,
    legs: ['private_data', 'untrusted_content', 'external_send'],
    reasons: ['Gmail sends mail with no approval.'],
  },
  {
    externalId: 'ag-1',
    name: 'Deal desk',
    ownerEmail: 'sam@acme.example',
    legs: ['private_data', 'untrusted_content', 'external_send'],
    reasons: ['Slack posts messages with no approval.', 'Web search reads any page.'],
  },
];
function input(over: Partial<AssessmentResultsInput> = {}, f = facts()): AssessmentResultsInput {
  return {
    workspace: { id: 'ws-1', name: 'Acme Corp' },
    period: { from: new Date('2026-08-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') },
    generator: { name: 'tollgate', version: '0.1.0' },
    posture: {
      at: new Date('2026-10-31T23:55:00Z'),
      source: 'snapshot',
      data: {
        ...scorePosture(defs, f),
        counts: {
          trifecta: { exposed: 2, mitigated: 0, accepted: 0 },
          alerts: { critical: 0, high: 0, medium: 0, low: 0 },
          exceptionsExpiring: 0,
        },
      },
    },
    attestations: [fileAttestation, attestation],
    exposedAgents: exposed,
    catalogueVersion: CATALOGUE.version,
    generatedAt: new Date('2026-11-23T12:00:00Z'),
    frameworks: frameworkRefs(),
    ...over,
  };
}
const doc = (over: Partial<AssessmentResultsInput> = {}, f?: PostureFacts) => assessmentResults(input(over, f)) as Doc;
const result = (d: Doc) => d['assessment-results'].results[0]!;
const findingOf = (d: Doc, id: string) =>
  result(d).findings.find((x) => x.target['target-id'] === `${oscalControlId(id)}_obj`)!;

describe('OSCAL assessment results', () => {
  it('validates against NIST’s OSCAL 1.0.4 schema, with and without risks and attestations', () => {
    expect(errorsOf(doc())).toEqual([]);
    expect(errorsOf(doc({ exposedAgents: [], attestations: [] }))).toEqual([]);
    const d = doc();
    expect(d['assessment-results'].metadata).toMatchObject({
      'oscal-version': '1.0.4',
      'last-modified': '2026-11-23T12:00:00.000Z',
      title: expect.stringContaining('Acme Corp, 2026-08-01 to 2026-11-01'),
    });
    expect(result(d)).toMatchObject({ start: '2026-08-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z' });
  });

  it('rejects a document whose control id starts with a digit, or that has no import-ap', () => {
    const digit = doc();
    result(digit)['reviewed-controls']['control-selections'][0]['include-controls'][0]['control-id'] = '1.1';
    expect(errorsOf(digit).join('\n')).toMatch(/control-id must match pattern/);
    const noPlan = doc();
    delete (noPlan['assessment-results'] as Partial<Doc['assessment-results']>)['import-ap'];
    expect(errorsOf(noPlan).join('\n')).toMatch(/must have required property 'import-ap'/);
  });

  it('reviews every control under its prefixed id, which the schema’s token pattern accepts', () => {
    expect(oscalControlId('6.4')).toBe('chatgpt-ent-6.4');
    expect(() => oscalControlId('x')).toThrow();
    const ids = result(doc())['reviewed-controls']['control-selections'][0]['include-controls'].map(
      (c) => c['control-id'],
    );
    expect(ids).toEqual(defs.map((c) => `chatgpt-ent-${c.id}`));
  });

  it('marks a finding satisfied only when the control passes', () => {
    const d = doc();
    const state = (id: string) => [
      findingOf(d, id).props.find((p) => p.name === 'status')!.value,
      findingOf(d, id).target.status.state,
    ];
    expect(state('1.1')).toEqual(['pass', 'satisfied']);
    expect(state('6.4')).toEqual(['fail', 'not-satisfied']);
    expect(state('2.1')).toEqual(['stale', 'not-satisfied']);
    expect(state('1.2')).toEqual(['not_assessed', 'not-satisfied']);
    expect(state('2.2')).toEqual(['not_applicable', 'not-satisfied']);
    expect(findingOf(d, '2.2').target['implementation-status']).toMatchObject({ state: 'not-applicable' });
    expect(state('6.6')).toEqual(['partial', 'not-satisfied']);
    expect(result(d).findings).toHaveLength(defs.length);
  });

  it('records each attestation as an observation with its expiry, linked from its control’s finding', () => {
    const d = doc();
    const obs = result(d).observations.find((o) =>
      o.props.some((p) => p.name === 'attestation-id' && p.value === 'att-1'),
    )!;
    expect(obs).toMatchObject({
      expires: attestation.expiresAt.toISOString(),
      collected: attestation.attestedAt.toISOString(),
      methods: ['EXAMINE'],
      description: attestation.statement,
    });
    expect(obs['relevant-evidence']).toEqual([
      { href: 'https://wiki.acme.example/sso%20evidence', description: expect.any(String) },
    ]);
    expect(findingOf(d, '1.1')['related-observations'].map((r) => r['observation-uuid'])).toContain(obs.uuid);
    const file = result(d).observations.find((o) => o.props.some((p) => p.value === 'att-2'))!;
    expect(file['relevant-evidence'][0].props).toContainEqual(
      expect.objectContaining({ name: 'sha256', value: 'ab'.repeat(32) }),
    );
    const greta = d['assessment-results'].metadata.parties.find((p) => p.name === 'greta@acme.example')!;
    expect(obs.origins[0].actors[0]).toEqual({ type: 'party', 'actor-uuid': greta.uuid, 'role-id': 'attester' });
  });

  it('gives each control one observation of its evaluation, with its checks, linked from its finding', () => {
    const d = doc();
    const f = findingOf(d, '6.4');
    const obs = result(d).observations.find((o) => o.uuid === f['related-observations'][0]!['observation-uuid'])!;
    expect(obs.methods).toEqual(['TEST']);
    expect(obs.description).toMatch(/Fails \(score 0 of 100\)/);
    expect(obs['relevant-evidence']).toContainEqual({
      href: '/agents/a1',
      description: expect.stringContaining('Deal desk'),
    });
    expect(result(d).observations).toHaveLength(defs.length + 2);
  });

  it('opens a risk per exposed trifecta agent, linked from the 6.4 finding only', () => {
    const d = doc();
    const risks = result(d).risks!;
    expect(risks.map((r) => r.title)).toEqual([
      'Exposed lethal trifecta: agent Deal desk',
      'Exposed lethal trifecta: agent Inbox triage',
    ]);
    expect(risks.every((r) => r.status === 'open')).toBe(true);
    expect(risks[0].description).toMatch(/private_data, untrusted_content, external_send/);
    expect(risks[0].description).toMatch(/Web search reads any page/);
    expect(findingOf(d, '6.4')['related-risks']!.map((r) => r['risk-uuid'])).toEqual(risks.map((r) => r.uuid));
    expect(result(d).findings.filter((x) => x['related-risks'])).toHaveLength(1);
    expect(result(doc({ exposedAgents: [] })).risks).toBeUndefined();
  });

  it('is deterministic: the same input gives the same document, and only last-modified follows generatedAt', () => {
    expect(JSON.stringify(doc())).toBe(
      JSON.stringify(doc({ attestations: [attestation, fileAttestation], exposedAgents: [...exposed].reverse() })),
    );
    const later = doc({ generatedAt: new Date('2027-01-01T00:00:00Z') });
    expect(later['assessment-results'].metadata['last-modified']).toBe('2027-01-01T00:00:00.000Z');
    later['assessment-results'].metadata['last-modified'] = '2026-11-23T12:00:00.000Z';
    expect(later).toEqual(doc());
    // Different content: a different document UUID and version.
    const other = doc({}, facts({ firstUseRule: true }));
    expect(other['assessment-results'].uuid).not.toBe(doc()['assessment-results'].uuid);
    expect(other['assessment-results'].metadata.version).not.toBe(doc()['assessment-results'].metadata.version);
  });

  it('uses version 5 UUIDs only, each unique', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    ); // RFC 4122 DNS example
    expect(OSCAL_NAMESPACE).toBe('efbfc004-b036-53f6-aa12-5934682a4cb0');
    const text = JSON.stringify(doc());
    const declared = [...text.matchAll(/"uuid":"([^"]+)"/g)].map((m) => m[1]!);
    expect(declared.every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u))).toBe(
      true,
    );
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('uses no URN: every ns, scheme and href is https, a Tollgate path or a #uuid, as OSCAL tooling requires', () => {
    const found = new Map<string, string[]>();
    (function walk(v: unknown, key: string) {
      if (Array.isArray(v)) for (const x of v) walk(x, key);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
      else if (typeof v === 'string') found.set(key, [...(found.get(key) ?? []), v]);
    })(doc(), '');
    const all = [...found.values()].flat();
    expect(all.filter((s) => /\burn:/i.test(s))).toEqual([]);
    expect(TOLLGATE_NS).toBe('https://tollgate.dev/ns/oscal');
    expect(new Set(found.get('ns'))).toEqual(new Set([TOLLGATE_NS]));
    // What a URL type with a required host (as SDK models use for ns and scheme) accepts.
    const hosted = (s: string) => {
      try {
        const u = new URL(s);
        return u.protocol === 'https:' && u.host !== '';
      } catch {
        return false;
      }
    };
    expect([...found.get('ns')!, ...found.get('scheme')!].filter((s) => !hosted(s))).toEqual([]);
    expect(found.get('href')!.filter((h) => !hosted(h) && !h.startsWith('/') && !/^#[0-9a-f-]{36}$/.test(h))).toEqual(
      [],
    );
  });

  it('resolves import-ap and every other #uuid link to a back-matter resource describing plan or catalogue', () => {
    for (const d of [doc(), doc({ exposedAgents: [], attestations: [] })]) {
      const ar = d['assessment-results'];
      const resources = new Map(ar['back-matter'].resources.map((r) => [r.uuid, r]));
      const fragments = [...JSON.stringify(d).matchAll(/"href":"#([^"]*)"/g)].map((m) => m[1]!);
      expect(fragments.length).toBeGreaterThanOrEqual(2);
      expect(fragments.filter((u) => !resources.has(u))).toEqual([]);
      const plan = resources.get(ar['import-ap'].href.slice(1))!;
      expect(plan).toMatchObject({
        title: 'Tollgate assessment plan: ChatGPT Enterprise Hardening Guide 0.2.1-draft',
        'document-ids': [
          {
            scheme: `${TOLLGATE_NS}/assessment-plan`,
            identifier: `${TOLLGATE_NS}/assessment-plan/chatgpt-enterprise-hardening-guide/0.2.1-draft`,
          },
        ],
      });
      expect(plan.props).toContainEqual({
        name: 'catalogue',
        ns: TOLLGATE_NS,
        value: `${TOLLGATE_NS}/catalogue/chatgpt-enterprise-hardening-guide/0.2.1-draft`,
      });
      const catalogue = resources.get(result(d)['reviewed-controls'].links[0]!.href.slice(1))!;
      expect(catalogue['document-ids']).toEqual([
        {
          scheme: `${TOLLGATE_NS}/catalogue`,
          identifier: `${TOLLGATE_NS}/catalogue/chatgpt-enterprise-hardening-guide/0.2.1-draft`,
        },
      ]);
    }
    // A link to a resource that is not there is what this test exists to catch.
    const broken = doc();
    broken['assessment-results']['back-matter'].resources.shift();
    const left = new Set(broken['assessment-results']['back-matter'].resources.map((r) => r.uuid));
    expect(left.has(broken['assessment-results']['import-ap'].href.slice(1))).toBe(false);
  });

  it('references each AI-governance catalogue through a back-matter resource with an https URI', () => {
    const frameworks = frameworkRefs();
    expect(frameworks.map((f) => f.key)).toEqual(
      expect.arrayContaining(['iso42001', 'iso27001', 'nist_ai_rmf', 'eu_ai_act', 'owasp_agentic', 'owasp_llm']),
    );
    const d = doc();
    expect(errorsOf(d)).toEqual([]);
    const resources = new Map(d['assessment-results']['back-matter'].resources.map((r) => [r.uuid, r]));
    const reviewed = result(d)['reviewed-controls'].links.map((l) => l.href);
    for (const f of frameworks) {
      const r = resources.get(frameworkResourceUuid(f)) as unknown as {
        'document-ids': { scheme: string; identifier: string }[];
        rlinks: { href: string }[];
      };
      expect(r, f.key).toBeDefined();
      expect(r['document-ids'][0]!.identifier).toMatch(
        new RegExp(`^https://tollgate\\.dev/ns/oscal/catalogue/${f.key}/`),
      );
      expect(r.rlinks[0]!.href).toMatch(/^https:\/\//);
      expect(reviewed).toContain(`#${frameworkResourceUuid(f)}`);
    }
    // 6.4's finding names the items it maps to and links their catalogues.
    const f64 = findingOf(d, '6.4') as unknown as {
      props: { name: string; value: string }[];
      links: { href: string }[];
    };
    const mapsTo = f64.props.filter((p) => p.name === 'maps-to').map((p) => p.value);
    expect(mapsTo).toEqual(expect.arrayContaining(['owasp_agentic:ASI01', 'owasp_llm:LLM01']));
    const iso = frameworks.find((f) => f.key === 'iso42001')!;
    expect(mapsTo.filter((v) => v.startsWith('iso42001:'))).toEqual(
      (iso.controlItems['6.4'] ?? []).map((i) => `iso42001:${i}`),
    );
    expect(f64.links.map((l) => l.href)).toContain(
      `#${frameworkResourceUuid(frameworks.find((f) => f.key === 'owasp_agentic')!)}`,
    );
    // Without catalogues the document is as before: no maps-to, no extra resources.
    const bare = doc({ frameworks: [] });
    expect(JSON.stringify(bare)).not.toContain('maps-to');
    expect(bare['assessment-results']['back-matter'].resources).toHaveLength(2);
  });
});
