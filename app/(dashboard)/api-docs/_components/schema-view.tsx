// A JSON schema of the API reference as nested lists: fields with their type, whether required, and what they
// mean. A component ($ref) is a link to its entry under Schemas; `expand` shows a component's fields in place
// too (one level: the refs inside it stay links). Server-rendered: no script.
import { type SchemaNode, schemaAnchor } from '@/lib/api-docs/reference.ts';

export function SchemaView({ node }: { node: SchemaNode }) {
  switch (node.kind) {
    case 'ref':
      return (
        <a href={`#${schemaAnchor(node.name)}`} className="schema-ref">
          {node.name}
        </a>
      );
    case 'scalar':
      return <code className="schema-type">{node.text}</code>;
    case 'array':
      return (
        <>
          <span className="schema-word">array{node.note ? ` (${node.note})` : ''} of </span>
          <SchemaView node={node.items} />
        </>
      );
    case 'union':
      return (
        <>
          {node.options.map((option, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the options of a schema keep their order.
            <span key={i}>
              {i > 0 && <span className="schema-word"> or </span>}
              <SchemaView node={option} />
            </span>
          ))}
        </>
      );
    case 'object':
      return <ObjectView node={node} />;
  }
}

function ObjectView({ node }: { node: Extract<SchemaNode, { kind: 'object' }> }) {
  if (node.fields.length === 0 && !node.values) return <code className="schema-type">object</code>;
  return (
    <>
      <span className="schema-word">object</span>
      <ul className="schema-fields">
        {node.fields.map((f) => (
          <li key={f.name}>
            <code className="schema-name">{f.name}</code>
            {f.required ? <span className="schema-required">required</span> : null} <SchemaView node={f.schema} />
            {f.description && <span className="muted small"> — {f.description}</span>}
          </li>
        ))}
        {node.values && (
          <li>
            <span className="schema-word">any key → </span>
            <SchemaView node={node.values} />
          </li>
        )}
      </ul>
    </>
  );
}

/** The schema of a body or a success answer: a component is linked and its fields are shown right here. */
export function SchemaBlock({ node, components }: { node: SchemaNode; components: Map<string, SchemaNode> }) {
  const target = node.kind === 'ref' ? components.get(node.name) : undefined;
  return (
    <div className="schema-block">
      <SchemaView node={node} />
      {target && target.kind !== 'ref' && (
        <div className="schema-expanded">
          <SchemaView node={target} />
        </div>
      )}
    </div>
  );
}
