// The API reference page's model, read from the OpenAPI document (lib/api/openapi.ts) so the page can never say
// something the API does not do: operations grouped by tag, parameters, example bodies, responses, and each JSON
// schema as a small tree the page renders (a $ref stays a name, linked to its component). Pure: no React, no Next.

type Json = Record<string, unknown>;

export type SchemaNode =
  | { kind: 'ref'; name: string }
  | { kind: 'object'; fields: Field[]; values: SchemaNode | null }
  | { kind: 'array'; items: SchemaNode; note: string }
  | { kind: 'union'; options: SchemaNode[] }
  | { kind: 'scalar'; text: string };
export type Field = { name: string; required: boolean; description: string | null; schema: SchemaNode };

export type Parameter = { name: string; in: string; required: boolean; description: string | null; type: string };
export type Body = { contentType: string; schema: SchemaNode; example: string | null };
export type Response = { status: string; description: string; contentType: string | null; schema: SchemaNode | null };
export type OperationView = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  permission: string | null;
  parameters: Parameter[];
  body: Body | null;
  responses: Response[];
};
export type Reference = {
  title: string;
  version: string;
  description: string;
  server: string;
  groups: { tag: string; operations: OperationView[] }[];
  components: { name: string; description: string | null; schema: SchemaNode }[];
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
// Deeper than any schema the API has; a bound so a cyclic or hostile document cannot recurse without end.
const MAX_DEPTH = 12;
// zod-openapi writes JavaScript's safe-integer bounds for a plain integer: they say nothing to a reader.
const SAFE = Number.MAX_SAFE_INTEGER;

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** "#/components/schemas/Agent" → "Agent"; the anchor the page gives that component. */
export const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
export const schemaAnchor = (name: string) => `schema-${name}`;
export const operationAnchor = (id: string) => `op-${id}`;

function range(min: unknown, max: unknown, unit: string): string {
  const lo = typeof min === 'number' && Math.abs(min) < SAFE ? min : null;
  const hi = typeof max === 'number' && Math.abs(max) < SAFE ? max : null;
  if (lo === null && hi === null) return '';
  if (lo !== null && hi !== null) return lo === hi ? ` ${lo}${unit}` : ` ${lo}–${hi}${unit}`;
  return lo !== null ? ` ≥ ${lo}${unit}` : ` ≤ ${hi}${unit}`;
}

/** One line for a schema without structure: "string (date-time)", "integer 1–500", "one of: a, b", "string | null". */
export function scalarText(schema: Json): string {
  if ('const' in schema) return JSON.stringify(schema.const);
  const types = list(schema.type).length ? list(schema.type).map(String) : [String(schema.type ?? 'any')];
  const main = types.filter((t) => t !== 'null');
  if (main.length === 0) return 'null';
  const nullable = types.includes('null') ? ' | null' : '';
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.map((v) => String(v)).join(', ')}${nullable}`;
  let text = main.join(' | ');
  if (str(schema.format)) text += ` (${schema.format})`;
  else if (str(schema.pattern)) text += ` matching ${schema.pattern}`;
  if (main.includes('string')) text += range(schema.minLength, schema.maxLength, ' chars');
  if (main.includes('integer') || main.includes('number')) text += range(schema.minimum, schema.maximum, '');
  return text + nullable;
}

export function schemaNode(value: unknown, depth = 0): SchemaNode {
  const schema = obj(value);
  if (depth > MAX_DEPTH) return { kind: 'scalar', text: '…' };
  if (str(schema.$ref)) return { kind: 'ref', name: refName(schema.$ref as string) };
  const options = list(schema.anyOf ?? schema.oneOf);
  if (options.length) {
    const nodes = options.map((o) => schemaNode(o, depth + 1));
    if (nodes.every((n) => n.kind === 'scalar'))
      return { kind: 'scalar', text: nodes.map((n) => (n as { text: string }).text).join(' | ') };
    return { kind: 'union', options: nodes };
  }
  const types = list(schema.type).length ? list(schema.type) : [schema.type];
  if (types.includes('array')) {
    const note = [range(schema.minItems, schema.maxItems, ' items').trim(), types.includes('null') ? 'or null' : '']
      .filter(Boolean)
      .join(', ');
    return { kind: 'array', items: schemaNode(schema.items, depth + 1), note };
  }
  if (types.includes('object') || schema.properties) {
    const required = new Set(list(schema.required).map(String));
    const fields = Object.entries(obj(schema.properties)).map(([name, field]) => ({
      name,
      required: required.has(name),
      description: str(obj(field).description),
      schema: schemaNode(field, depth + 1),
    }));
    const extra = schema.additionalProperties;
    const values = extra && typeof extra === 'object' ? schemaNode(extra, depth + 1) : null;
    return { kind: 'object', fields, values };
  }
  return { kind: 'scalar', text: scalarText(schema) };
}

function example(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function operationView(path: string, method: string, op: Json): OperationView {
  const [contentType, media] = Object.entries(obj(obj(op.requestBody).content))[0] ?? [];
  return {
    id: str(op.operationId) ?? `${method}-${path}`,
    method: method.toUpperCase(),
    path,
    summary: str(op.summary) ?? '',
    description: str(op.description),
    permission: str(op['x-tollgate-permission']),
    parameters: list(op.parameters).map((p) => {
      const param = obj(p);
      return {
        name: String(param.name),
        in: String(param.in),
        required: param.required === true,
        description: str(param.description),
        type: scalarText(obj(param.schema)),
      };
    }),
    body: contentType
      ? { contentType, schema: schemaNode(obj(media).schema), example: example(obj(media).example) }
      : null,
    responses: Object.entries(obj(op.responses))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, r]) => {
        const [type, content] = Object.entries(obj(obj(r).content))[0] ?? [];
        return {
          status,
          description: str(obj(r).description) ?? '',
          contentType: type ?? null,
          schema: type ? schemaNode(obj(content).schema) : null,
        };
      }),
  };
}

export function referenceOf(document: unknown): Reference {
  const doc = obj(document);
  const groups = new Map<string, OperationView[]>(list(doc.tags).map((t) => [String(obj(t).name), []]));
  for (const [path, item] of Object.entries(obj(doc.paths)))
    for (const method of METHODS) {
      const op = obj(obj(item)[method]);
      if (!Object.keys(op).length) continue;
      const tag = String(list(op.tags)[0] ?? 'Other');
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push(operationView(path, method, op));
    }
  const info = obj(doc.info);
  return {
    title: str(info.title) ?? 'API',
    version: str(info.version) ?? '',
    description: str(info.description) ?? '',
    server: str(obj(list(doc.servers)[0]).url) ?? '',
    groups: [...groups].filter(([, ops]) => ops.length).map(([tag, operations]) => ({ tag, operations })),
    components: Object.entries(obj(obj(doc.components).schemas)).map(([name, schema]) => ({
      name,
      description: str(obj(schema).description),
      schema: schemaNode(schema),
    })),
  };
}
