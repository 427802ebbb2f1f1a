// The API reference page's model says what the OpenAPI document says: every operation once, with its permission,
// parameters, example body and answers; every component link lands on a component the page lists.
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi.ts';
import { referenceOf, type SchemaNode, scalarText, schemaNode } from './reference.ts';

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: object } };
const doc = openApiDocument() as unknown as Doc;
const ref = referenceOf(doc);
const ops = ref.groups.flatMap((g) => g.operations);

function refsIn(node: SchemaNode | null): string[] {
  if (!node) return [];
  if (node.kind === 'ref') return [node.name];
  if (node.kind === 'array') return refsIn(node.items);
  if (node.kind === 'union') return node.options.flatMap(refsIn);
  if (node.kind === 'object') return [...node.fields.flatMap((f) => refsIn(f.schema)), ...refsIn(node.values)];
  return [];
}

describe('API reference model', () => {
  it('lists every operation of the document once, under its tag, with its permission and parameters', () => {
    const expected = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    expect(ops).toHaveLength(expected.length);
    for (const { path, method, op } of expected) {
      const view = ops.find((o) => o.path === path && o.method === method);
      expect(view, `${method} ${path}`).toBeDefined();
      expect(view!.permission).toBe(op['x-tollgate-permission']);
      expect(view!.summary).toBe(op.summary);
      const params = (op.parameters ?? []) as { name: string; in: string }[];
      expect(view!.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(params.map((p) => `${p.in}:${p.name}`));
      const group = ref.groups.find((g) => g.operations.includes(view!));
      expect(group?.tag).toBe((op.tags as string[])[0]);
      expect(view!.responses.map((r) => r.status)).toEqual(Object.keys(op.responses as object).sort());
    }
  });

  it('shows each JSON body with the example the document gives, and path parameters as required', () => {
    const writes = ops.filter((o) => o.body?.contentType === 'application/json');
    expect(writes.length).toBeGreaterThan(0);
    for (const op of writes) {
      const media = (
        doc.paths[op.path]![op.method.toLowerCase()]!.requestBody as never as {
          content: Record<string, { example: unknown }>;
        }
      ).content['application/json']!;
      expect(JSON.parse(op.body!.example!), op.id).toEqual(media.example);
    }
    for (const p of ops.flatMap((o) => o.parameters).filter((p) => p.in === 'path')) expect(p.required).toBe(true);
  });

  it('links only components it lists, and reads a list answer as {data: [component], next_cursor}', () => {
    const names = new Set(ref.components.map((c) => c.name));
    expect([...names].sort()).toEqual(Object.keys(doc.components.schemas).sort());
    const nodes = [
      ...ops.flatMap((o) => [o.body?.schema ?? null, ...o.responses.map((r) => r.schema)]),
      ...ref.components.map((c) => c.schema),
    ];
    for (const name of nodes.flatMap(refsIn)) expect(names.has(name), name).toBe(true);
    const list = ops.find((o) => o.id === 'listWorkspaces')!.responses.find((r) => r.status === '200')!.schema!;
    expect(list).toMatchObject({
      kind: 'object',
      fields: [
        { name: 'data', required: true, schema: { kind: 'array', items: { kind: 'ref', name: 'Workspace' } } },
        { name: 'next_cursor', required: true, schema: { kind: 'scalar', text: 'string | null' } },
      ],
    });
  });

  it('writes scalar types for people: ranges, enums, formats, nullables; not the safe-integer bounds', () => {
    expect(scalarText({ type: 'integer', minimum: 1, maximum: 500 })).toBe('integer 1–500');
    expect(scalarText({ type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 })).toBe('integer');
    expect(scalarText({ type: 'string', enum: ['open', 'closed'] })).toBe('one of: open, closed');
    expect(scalarText({ type: 'string', format: 'date-time', pattern: '^x$' })).toBe('string (date-time)');
    expect(scalarText({ type: 'string', minLength: 1, maxLength: 80 })).toBe('string 1–80 chars');
    expect(scalarText({ const: 'role_bit' })).toBe('"role_bit"');
    expect(schemaNode({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toEqual({
      kind: 'scalar',
      text: 'string | null',
    });
  });

  it('stops on a schema that nests without end instead of recursing forever', () => {
    const loop: Record<string, unknown> = { type: 'object' };
    loop.properties = { self: loop };
    let node = schemaNode(loop);
    let depth = 0;
    while (node.kind === 'object') {
      node = node.fields[0]!.schema;
      depth += 1;
    }
    expect(node).toEqual({ kind: 'scalar', text: '…' });
    expect(depth).toBeLessThan(20);
  });
});
