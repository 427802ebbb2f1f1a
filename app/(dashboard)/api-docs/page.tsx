// The REST API reference, rendered on the server from the same OpenAPI document /api/v1/openapi.json serves (no
// renderer script, no CDN: the CSP stays as it is). Any signed-in user may read it; it holds no workspace data.
import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { referenceOf, operationAnchor, schemaAnchor } from '@/lib/api-docs/reference.ts';
import { openApiDocument } from '@/lib/api/openapi.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { OperationSection } from './_components/operation-view.tsx';
import { SchemaView } from './_components/schema-view.tsx';
import './api-docs.css';

export const metadata: Metadata = { title: 'API reference' };

export default async function ApiDocsPage() {
  await workspacePage('api-tokens:manage');
  const ref = referenceOf(openApiDocument());
  const components = new Map(ref.components.map((c) => [c.name, c.schema]));
  return (
    <>
      <PageHeader title="API reference" description={`${ref.title} ${ref.version}`} />
      <section className="panel" aria-labelledby="api-intro-h">
        <h2 id="api-intro-h">Using the API</h2>
        <p>{ref.description}</p>
        <ul className="plain-list">
          <li>
            Base URL <code>{ref.server}</code>; send <code>Authorization: Bearer tg_api_…</code> with a token from{' '}
            <Link href="/settings/api-tokens">Settings → API tokens</Link>.
          </li>
          <li>
            The machine-readable document (OpenAPI 3.1):{' '}
            <a href={`${ref.server}/openapi.json`}>
              <code>{ref.server}/openapi.json</code>
            </a>{' '}
            — no token needed; generate a client from it.
          </li>
          <li>
            Workspace resources take <code>ws</code> (optional with a token of one workspace). Lists page with{' '}
            <code>limit</code> and <code>cursor</code> until <code>next_cursor</code> is null. POST takes an{' '}
            <code>Idempotency-Key</code>; answers carry <code>RateLimit</code> headers, and a 429{' '}
            <code>Retry-After</code>.
          </li>
        </ul>
        <nav aria-label="Operations" className="api-toc">
          {ref.groups.map((g) => (
            <div key={g.tag}>
              <h3>{g.tag}</h3>
              <ul className="plain-list">
                {g.operations.map((op) => (
                  <li key={op.id}>
                    <a href={`#${operationAnchor(op.id)}`}>
                      <span className={`api-method api-method-${op.method.toLowerCase()}`}>{op.method}</span>{' '}
                      <code>{op.path}</code>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      </section>
      {ref.groups.map((g) => (
        <section key={g.tag} className="panel" aria-labelledby={`tag-${g.tag}`}>
          <h2 id={`tag-${g.tag}`}>{g.tag}</h2>
          {g.operations.map((op) => (
            <OperationSection key={op.id} op={op} server={ref.server} components={components} />
          ))}
        </section>
      ))}
      <section className="panel" aria-labelledby="schemas-h">
        <h2 id="schemas-h">Schemas</h2>
        {ref.components.map((c) => (
          <div key={c.name} id={schemaAnchor(c.name)} className="api-schema">
            <h3>{c.name}</h3>
            {c.description && <p className="muted">{c.description}</p>}
            <SchemaView node={c.schema} />
          </div>
        ))}
      </section>
    </>
  );
}
