// Reads an IdP's SAML metadata: its entityID, its HTTP-Redirect SSO address and its signing certificate(s).
// Pure: no Next, no Prisma. Metadata comes from configuration (or the IdP's URL), still parsed defensively.
import { DOMParser } from '@xmldom/xmldom';

export type IdpMetadata = { entityId: string; ssoUrl: string; certs: string[] };

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const MAX_METADATA_BYTES = 1024 * 1024;

/** Throws an Error whose message says what is missing (the caller names the setting). */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (Buffer.byteLength(xml, 'utf8') > MAX_METADATA_BYTES) throw new Error('the metadata is larger than 1 MB');
  // No document type: entity declarations have no place in metadata (and expand into anything).
  if (/<!DOCTYPE/i.test(xml)) throw new Error('the metadata has a DOCTYPE, which is refused');
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: () => {}, error: (m) => errors.push(m), fatalError: (m) => errors.push(m) },
  }).parseFromString(xml, 'text/xml');
  if (errors.length || !doc?.documentElement) throw new Error('the metadata is not well-formed XML');
  const entities = elements(doc.documentElement, MD, 'EntityDescriptor').filter(
    (e) => elements(e, MD, 'IDPSSODescriptor').length > 0,
  );
  if (entities.length !== 1) {
    throw new Error(`the metadata must describe exactly one identity provider (found ${entities.length})`);
  }
  const entity = entities[0]!;
  const entityId = entity.getAttribute('entityID')?.trim();
  if (!entityId) throw new Error('the EntityDescriptor has no entityID');
  const idp = elements(entity, MD, 'IDPSSODescriptor')[0]!;
  const sso = elements(idp, MD, 'SingleSignOnService').find((e) => e.getAttribute('Binding') === REDIRECT);
  const ssoUrl = sso?.getAttribute('Location')?.trim();
  if (!ssoUrl) throw new Error('the IdP offers no SingleSignOnService with the HTTP-Redirect binding');
  const certs = elements(idp, MD, 'KeyDescriptor')
    .filter((k) => (k.getAttribute('use') || 'signing') === 'signing')
    .flatMap((k) => elements(k, DS, 'X509Certificate'))
    .map((c) => toPem(c.textContent ?? ''))
    .filter((pem): pem is string => pem !== null);
  if (!certs.length) throw new Error('the IdP metadata has no signing certificate (KeyDescriptor use="signing")');
  return { entityId, ssoUrl, certs: [...new Set(certs)] };
}

function elements(root: Element, ns: string, name: string): Element[] {
  const found: Element[] = [];
  if (root.namespaceURI === ns && root.localName === name) found.push(root);
  const list = root.getElementsByTagNameNS(ns, name);
  for (let i = 0; i < list.length; i++) found.push(list.item(i)!);
  return found;
}

function toPem(base64: string): string | null {
  const body = base64.replace(/\s+/g, '');
  if (!body || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return null;
  const lines = body.match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN CERTIFICATE-----\n${lines}\n-----END CERTIFICATE-----\n`;
}
