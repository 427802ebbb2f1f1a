import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { consequentialOf, MAX_OPERATIONS, MAX_SCHEMA_BYTES, parseActionSchema } from '@/lib/gpts/action-schema.ts';
import { HTTP_METHODS } from '@/lib/gpts/types.ts';

const doc = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'CRM', version: '1' },
    servers: [{ url: 'https://API.crm.example/v1' }],
    paths: {
      '/contacts': {
        get: { operationId: 'listContacts', responses: { 200: { description: 'ok' } } },
        post: { operationId: 'addContact', responses: { 200: { description: 'ok' } } },
      },
    },
    ...extra,
  });

describe('the consequential rule', () => {
  it('follows x-openai-isConsequential when it is a boolean', () => {
    for (const method of HTTP_METHODS) {
      expect(consequentialOf(method, true)).toEqual({ consequential: true, consequentialDeclared: true });
      expect(consequentialOf(method, false)).toEqual({ consequential: false, consequentialDeclared: false });
    }
  });

  it('defaults to: GET not consequential, every other method consequential', () => {
    expect(consequentialOf('GET', undefined)).toEqual({ consequential: false, consequentialDeclared: null });
    for (const method of HTTP_METHODS.filter((m) => m !== 'GET'))
      expect(consequentialOf(method, undefined)).toEqual({ consequential: true, consequentialDeclared: null });
  });

  it('treats a value that is not a boolean as absent', () => {
    expect(consequentialOf('GET', 'true')).toEqual({ consequential: false, consequentialDeclared: null });
    expect(consequentialOf('POST', 'false')).toEqual({ consequential: true, consequentialDeclared: null });
  });
});

/** A YAML alias bomb within the alias limit: 18 aliases make 6^3 copies of a list of 2,000 values. */
const bomb = () =>
  [
    'openapi: 3.1.0',
    `l0: &l0 [${Array(2000).fill('x').join(', ')}]`,
    ...[1, 2, 3].map(
      (i) =>
        `l${i}: &l${i} [${Array(6)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
    ),
  ].join('\n');

describe('parseActionSchema', () => {
  it('reads servers and operations of an OpenAPI 3.1 JSON document, with the default rule', async () => {
    const r = await parseActionSchema(doc());
    expect(r).toMatchObject({ schemaStatus: 'parsed', schemaProblem: null });
    expect(r.schemaSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.servers).toEqual([{ url: 'https://API.crm.example/v1', scheme: 'https', domain: 'api.crm.example' }]);
    expect(r.operations).toEqual([
      {
        method: 'GET',
        path: '/contacts',
        operationId: 'listContacts',
        consequential: false,
        consequentialDeclared: null,
      },
      {
        method: 'POST',
        path: '/contacts',
        operationId: 'addContact',
        consequential: true,
        consequentialDeclared: null,
      },
    ]);
  });

  it('reads an OpenAPI 3.0 YAML document and its declared flags', async () => {
    const yaml = [
      'openapi: 3.0.3',
      'info: {title: Weather, version: "1"}',
      'servers:',
      '  - url: http://{region}.weather.example',
      '    variables:',
      '      region: {default: eu}',
      'paths:',
      '  /forecast:',
      '    get:',
      '      x-openai-isConsequential: true',
      '      responses: {"200": {description: ok}}',
      '    delete:',
      '      x-openai-isConsequential: false',
      '      responses: {"200": {description: ok}}',
    ].join('\n');
    const r = await parseActionSchema(yaml);
    expect(r.schemaStatus).toBe('parsed');
    expect(r.servers).toEqual([
      { url: 'http://{region}.weather.example', scheme: 'http', domain: 'eu.weather.example' },
    ]);
    expect(r.operations.map((o) => [o.method, o.consequential, o.consequentialDeclared])).toEqual([
      ['GET', true, true],
      ['DELETE', false, false],
    ]);
  });

  it('resolves internal references to path items, and collects path and operation servers', async () => {
    const r = await parseActionSchema(
      doc({
        paths: {
          '/a': { $ref: '#/components/pathItems/A' },
          '/b': { servers: [{ url: 'https://b.example' }], put: { servers: [{ url: 'https://c.example./x' }] } },
        },
        components: { pathItems: { A: { patch: { 'x-openai-isConsequential': false } } } },
      }),
    );
    expect(r.operations.map((o) => `${o.method} ${o.path} ${o.consequential}`)).toEqual([
      'PATCH /a false',
      'PUT /b true',
    ]);
    expect(r.servers.map((s) => s.domain)).toEqual(['api.crm.example', 'b.example', 'c.example']);
  });

  it('never follows a reference to another document', async () => {
    for (const ref of [
      'https://169.254.169.254/latest/meta-data',
      '/etc/passwd',
      'file:///etc/passwd',
      'other.yaml#/x',
    ]) {
      const r = await parseActionSchema(doc({ paths: { '/x': { $ref: ref } } }));
      expect(r).toMatchObject({ schemaStatus: 'unknown', servers: [], operations: [] });
      expect(r.schemaProblem).toContain('refers to another document');
    }
  });

  it('makes the action unknown, with one sentence, for each kind of bad document', async () => {
    const cases: [string | null, string][] = [
      [null, 'No OpenAPI schema'],
      ['   ', 'No OpenAPI schema'],
      ['{"openapi": "3.1.0",', 'not valid JSON'],
      ['openapi: [1,\n', 'neither valid JSON nor valid YAML'],
      ['a: 1\n---\nb: 2', 'neither valid JSON nor valid YAML'],
      ['[1, 2]', 'not an object'],
      [JSON.stringify({ swagger: '2.0', info: {}, paths: {} }), 'Swagger 2.0'],
      [JSON.stringify({ openapi: '3.2.0', info: {}, paths: {} }), 'OpenAPI version 3.0 or 3.1'],
      [doc({ paths: { contacts: {} } }), 'does not start with "/"'],
      [doc({ paths: { '/x': { $ref: '#/nowhere' } } }), 'references cannot be resolved'],
      [doc({ servers: [{ url: '/relative' }] }), 'not an absolute URL'],
      [doc({ servers: [{ url: 'ftp://files.example' }] }), 'neither https nor http'],
      [doc({ servers: [{ url: 'https://{tenant}.example' }] }), 'variable without a default'],
      [doc({ servers: 'https://x.example' }), '`servers` is not a list'],
      [doc({ paths: { '/x': { get: 'nope' } } }), 'GET /x is not an object'],
      ['{"openapi":"3.1.0","__proto__":{"polluted":true}}', '"__proto__" is not allowed'],
      [`${'['.repeat(100)}${']'.repeat(100)}`, 'nested deeper than'],
      [`a:\n${' '.repeat(600)}b: 1`, 'indented deeper than'],
      [`{"x":"${'a'.repeat(MAX_SCHEMA_BYTES)}"}`, 'larger than 1 MiB'],
      [bomb(), 'expands to more than'],
      [`${'- '.repeat(200)}x`, 'neither valid JSON nor valid YAML'],
      ['a: !!binary aGVsbG8=', 'neither valid JSON nor valid YAML'],
    ];
    for (const [text, reason] of cases) {
      const r = await parseActionSchema(text);
      expect(r.schemaStatus, String(text).slice(0, 60)).toBe('unknown');
      expect(r.schemaProblem).toContain(reason);
      expect(r.schemaProblem).toMatch(/^[A-Z][^\n]*\.$/);
      expect(r.schemaProblem!.length).toBeLessThan(300);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a schema with more operations than the cap', async () => {
    const paths = Object.fromEntries(
      Array.from({ length: MAX_OPERATIONS + 1 }, (_, i) => [`/p${i}`, { get: { responses: {} } }]),
    );
    const r = await parseActionSchema(doc({ paths }));
    expect(r.schemaProblem).toContain(`more than ${MAX_OPERATIONS} operations`);
  });

  it('gives two unreadable documents two different hashes, and one document the same hash each time', async () => {
    const [a, b, a2] = await Promise.all(['nope: [', 'nope: {', 'nope: ['].map(parseActionSchema));
    expect(a!.schemaSha256).not.toBe(b!.schemaSha256);
    expect(a!.schemaSha256).toBe(a2!.schemaSha256);
  });

  it('keeps a circular schema and still lists its operations', async () => {
    const r = await parseActionSchema(
      doc({
        components: {
          schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } },
        },
      }),
    );
    expect(r.schemaStatus).toBe('parsed');
    expect(r.operations).toHaveLength(2);
  });
});

describe('parseActionSchema on generated input', () => {
  const method = fc.constantFrom(...HTTP_METHODS);
  const path = fc.stringMatching(/^\/[a-z]{1,6}(\/\{id\})?$/);
  const flag = fc.constantFrom(true, false, undefined);
  const operations = fc.uniqueArray(fc.record({ method, path, flag }), {
    selector: (o) => `${o.method} ${o.path}`,
    maxLength: 8,
  });

  it('property: every operation comes back once, with the declared flag or the method default', async () => {
    await fc.assert(
      fc.asyncProperty(operations, fc.boolean(), async (ops, asYaml) => {
        const paths: Record<string, Record<string, unknown>> = {};
        for (const o of ops) {
          const entry = o.flag === undefined ? {} : { 'x-openai-isConsequential': o.flag };
          paths[o.path] = { ...paths[o.path], [o.method.toLowerCase()]: { ...entry, responses: {} } };
        }
        const document = {
          openapi: '3.0.3',
          info: { title: 't', version: '1' },
          servers: [{ url: 'https://a.example' }],
          paths,
        };
        const r = await parseActionSchema(asYaml ? stringify(document) : JSON.stringify(document));
        expect(r.schemaStatus).toBe('parsed');
        const got = r.operations.map((o) => `${o.method} ${o.path} ${o.consequential} ${o.consequentialDeclared}`);
        const want = ops.map((o) => `${o.method} ${o.path} ${o.flag ?? o.method !== 'GET'} ${o.flag ?? null}`);
        expect([...got].sort()).toEqual([...want].sort());
      }),
      { numRuns: 60 },
    );
  });

  it('property: any text gives a result, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), async (text) => {
        const r = await parseActionSchema(text);
        expect(['parsed', 'unknown']).toContain(r.schemaStatus);
      }),
      { numRuns: 200 },
    );
  });
});
