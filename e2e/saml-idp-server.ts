// A real SAML IdP for the SAML e2e: samlify (test/saml-idp.ts) behind node:http, with a login page that lists two
// people and an answer page whose form posts the signed response to Tollgate's ACS, as IdPs do.
import http from 'node:http';
import { createTestIdp, generateSigningKey, testIdpMetadata, type TestIdp } from '@/test/saml-idp.ts';

export const SAML_PEOPLE = {
  ada: { nameId: 'saml-ada-7f3c', name: 'Ada SAML', email: 'ada.saml@example.com', groups: ['tg-admins'] },
  otto: { nameId: 'saml-otto-91bd', name: 'Otto SAML', email: 'otto.saml@example.com', groups: ['tg-auditors'] },
} as const;

export type SamlIdpServer = {
  metadataUrl: string;
  /** The next answer signs the Response only, leaving its assertion unsigned. */
  unsignedNext: boolean;
  /** The last SAMLResponse the IdP handed the browser (for the replay). */
  lastResponse: string | null;
  close(): Promise<void>;
};

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><main><h1>${title}</h1>${body}</main></body></html>`;

/** The page an IdP answers with: a form that posts the response to the ACS. */
export function postPage(acs: string, samlResponse: string): string {
  return page(
    'Test IdP — signed in',
    `<form method="post" action="${esc(acs)}"><input type="hidden" name="SAMLResponse" value="${esc(samlResponse)}">` +
      '<button type="submit">Continue to Tollgate</button></form>',
  );
}

export async function startSamlIdp(port: number, appUrl: string): Promise<SamlIdpServer> {
  const base = `http://localhost:${port}`;
  const input = { entityId: `${base}/metadata`, ssoUrl: `${base}/sso`, ...generateSigningKey() };
  const metadata = testIdpMetadata(input);
  const acs = `${appUrl}/api/auth/saml/acs`;
  // Tollgate reads this IdP's metadata at start; the IdP reads Tollgate's SP metadata at its first sign-in.
  let idp: TestIdp | null = null;
  const ready = async () => {
    idp ??= createTestIdp({ ...input, spMetadata: await (await fetch(`${appUrl}/api/auth/saml/metadata`)).text() });
    return idp;
  };
  const state: SamlIdpServer = {
    metadataUrl: `${base}/metadata`,
    unsignedNext: false,
    lastResponse: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    try {
      if (url.pathname === '/metadata') {
        res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(metadata);
      } else if (url.pathname === '/sso' && req.method === 'GET') {
        const { id } = await (await ready()).readRequest(url.href);
        const choices = Object.entries(SAML_PEOPLE)
          .map(([key, p]) => `<button type="submit" name="person" value="${key}">Sign in as ${p.name}</button>`)
          .join(' ');
        html(
          page(
            'Test IdP — sign in',
            `<form method="post" action="/sso"><input type="hidden" name="id" value="${esc(id)}">${choices}</form>`,
          ),
        );
      } else if (url.pathname === '/sso' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const form = new URLSearchParams(body);
        const person = SAML_PEOPLE[form.get('person') as keyof typeof SAML_PEOPLE];
        const response = await (await ready()).respond({
          inResponseTo: form.get('id')!,
          nameId: person.nameId,
          name: person.name,
          email: person.email,
          groups: [...person.groups],
          unsignedAssertion: state.unsignedNext,
        });
        state.unsignedNext = false;
        state.lastResponse = response;
        html(postPage(acs, response));
      } else if (url.pathname === '/replay' && state.lastResponse) {
        html(postPage(acs, state.lastResponse));
      } else {
        res.writeHead(404).end();
      }
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return state;
}
