// One operation of the API reference: method and path, the permission its token's role needs, parameters, the
// example body (one that succeeds on the demo workspace) and every answer with its schema.
import { type OperationView, operationAnchor, type SchemaNode } from '@/lib/api-docs/reference.ts';
import { SchemaBlock, SchemaView } from './schema-view.tsx';

export function OperationSection({
  op,
  server,
  components,
}: {
  op: OperationView;
  server: string;
  components: Map<string, SchemaNode>;
}) {
  const heading = `${op.id}-h`;
  return (
    <section className="api-op" id={operationAnchor(op.id)} aria-labelledby={heading}>
      <h3 id={heading}>
        <span className={`api-method api-method-${op.method.toLowerCase()}`}>{op.method}</span>{' '}
        <code>
          {server}
          {op.path}
        </code>
      </h3>
      <p className="api-summary">{op.summary}</p>
      {op.description && <p className="muted">{op.description}</p>}
      <p className="small">
        Permission: <code>{op.permission ?? 'none'}</code> · operation id <code>{op.id}</code>
      </p>
      {op.parameters.length > 0 && (
        <table className="api-table">
          <caption>Parameters</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">In</th>
              <th scope="col">Required</th>
              <th scope="col">Type</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr key={`${p.in}-${p.name}`}>
                <td>
                  <code>{p.name}</code>
                </td>
                <td>{p.in}</td>
                <td>{p.required ? 'yes' : 'no'}</td>
                <td>
                  <code className="schema-type">{p.type}</code>
                </td>
                <td>{p.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {op.body && (
        <div className="api-body">
          <h4>
            Request body <code className="muted small">{op.body.contentType}</code>
          </h4>
          <SchemaBlock node={op.body.schema} components={components} />
          {op.body.example && (
            <>
              <h5>Example</h5>
              <pre className="api-example">{op.body.example}</pre>
            </>
          )}
        </div>
      )}
      <table className="api-table api-responses">
        <caption>Responses</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Meaning</th>
            <th scope="col">Body</th>
          </tr>
        </thead>
        <tbody>
          {op.responses.map((r) => (
            <tr key={r.status}>
              <td>
                <code>{r.status}</code>
              </td>
              <td>{r.description}</td>
              <td>
                {r.contentType && <div className="muted small">{r.contentType}</div>}
                {r.schema &&
                  (r.status.startsWith('2') ? (
                    <SchemaBlock node={r.schema} components={components} />
                  ) : (
                    <SchemaView node={r.schema} />
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
