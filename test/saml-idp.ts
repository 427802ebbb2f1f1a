// A real SAML identity provider for tests (samlify in IdP mode) with its own generated key and certificate: it
// reads Tollgate's AuthnRequests and signs the responses tests ask for, good or deliberately wrong. Used by the
// SAML integration tests and the SAML e2e (e2e/saml-idp-server.ts).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as samlify from 'samlify';

// The TEST IdP validates nothing against the SAML schema (samlify insists on a validator being set): the side
// under test is Tollgate's service provider (node-saml), which makes every check itself.
samlify.setSchemaValidator({ validate: async () => 'skipped: test IdP' });

export const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
export const EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/** A fresh RSA key and self-signed certificate (openssl), valid for two days. */
export function generateSigningKey(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-saml-key-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Tollgate test IdP'].concat([
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ]),
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type ResponseOptions = {
  /** The AuthnRequest answered; omitted: an unsolicited (IdP-initiated) response. */
  inResponseTo?: string;
  nameId: string;
  nameIdFormat?: string;
  groups?: string[];
  email?: string;
  name?: string;
  audience?: string;
  recipient?: string;
  destination?: string;
  issuer?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  /** Sign the Response only, leaving the assertion unsigned. */
  unsignedAssertion?: boolean;
};

export type TestIdp = {
  entityId: string;
  metadata: string;
  /** The AuthnRequest's ID, from the URL Tollgate redirected the browser to. */
  readRequest(redirectUrl: string): Promise<{ id: string; relayState: string | null }>;
  /** A base64 SAMLResponse, as the IdP would post it. */
  respond(options: ResponseOptions): Promise<string>;
};

type IdpInput = { entityId: string; ssoUrl: string; key?: string; cert?: string };

function identityProvider(input: IdpInput & { key: string; cert: string }) {
  return samlify.IdentityProvider({
    entityID: input.entityId,
    signingCert: input.cert,
    privateKey: input.key,
    nameIDFormat: [PERSISTENT],
    singleSignOnService: [{ Binding: REDIRECT, Location: input.ssoUrl }],
    requestSignatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  });
}

/** The IdP's metadata alone (before the SP's metadata is known: Tollgate reads this one at start). */
export function testIdpMetadata(input: IdpInput & { key: string; cert: string }): string {
  return identityProvider(input).getMetadata();
}

export function createTestIdp(input: IdpInput & { spMetadata: string }) {
  const { key, cert } = input.key && input.cert ? { key: input.key, cert: input.cert } : generateSigningKey();
  const idp = identityProvider({ ...input, key, cert });
  const sp = samlify.ServiceProvider({ metadata: input.spMetadata });
  const spMeta = sp.entityMeta;
  const acs = spMeta.getAssertionConsumerService('post') as string;
  // The same SP, but one that does not want its assertions signed: samlify then signs the Response alone.
  const unsignedSp = samlify.ServiceProvider({
    entityID: spMeta.getEntityID(),
    assertionConsumerService: [{ Binding: POST, Location: acs }],
    wantAssertionsSigned: false,
    wantMessageSigned: true,
  });

  const testIdp: TestIdp = {
    entityId: input.entityId,
    metadata: idp.getMetadata(),
    async readRequest(redirectUrl) {
      const url = new URL(redirectUrl);
      const query = Object.fromEntries(url.searchParams);
      const parsed = await idp.parseLoginRequest(sp, 'redirect', { query, octetString: '' } as never);
      return { id: (parsed.extract as { request: { id: string } }).request.id, relayState: query.RelayState ?? null };
    },
    async respond(options) {
      const xml = responseXml({ ...options, idpEntityId: input.entityId, spEntityId: spMeta.getEntityID(), acs });
      const target = options.unsignedAssertion ? unsignedSp : sp;
      const result = await idp.createLoginResponse(
        target,
        {} as never,
        'post',
        {},
        {
          customTagReplacement: () => ({ id: xml.id, context: xml.context }),
        },
      );
      return (result as { context: string }).context;
    },
  };
  return { ...testIdp, key, cert };
}

const esc = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attrOf = (name: string, value: string | undefined) => (value === undefined ? '' : ` ${name}="${esc(value)}"`);
const id = () => `_${randomBytes(16).toString('hex')}`;

function responseXml(o: ResponseOptions & { idpEntityId: string; spEntityId: string; acs: string }) {
  const now = new Date();
  const notBefore = (o.notBefore ?? new Date(now.getTime() - 1000)).toISOString();
  const notOnOrAfter = (o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)).toISOString();
  const issuer = esc(o.issuer ?? o.idpEntityId);
  const attributes: string[] = [];
  const attribute = (name: string, values: string[]) =>
    `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values
      .map((v) => `<saml:AttributeValue xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`)
      .join('')}</saml:Attribute>`;
  if (o.email) attributes.push(attribute('email', [o.email]));
  if (o.name) attributes.push(attribute('displayName', [o.name]));
  if (o.groups) attributes.push(attribute('groups', o.groups));
  const responseId = id();
  const context =
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"' +
    ' xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"' +
    ` ID="${responseId}" Version="2.0" IssueInstant="${now.toISOString()}"` +
    `${attrOf('Destination', o.destination ?? o.acs)}${attrOf('InResponseTo', o.inResponseTo)}>` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
    assertionXml({ ...o, id: id(), issuer, notBefore, notOnOrAfter, now, attributes }) +
    '</samlp:Response>';
  return { id: responseId, context };
}

export function assertionXml(
  o: Omit<ResponseOptions, 'notBefore' | 'notOnOrAfter'> & {
    id: string;
    issuer: string;
    spEntityId: string;
    acs: string;
    notBefore: string;
    notOnOrAfter: string;
    now: Date;
    attributes: string[];
  },
): string {
  return (
    '<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"' +
    ` ID="${o.id}" Version="2.0" IssueInstant="${o.now.toISOString()}">` +
    `<saml:Issuer>${o.issuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${esc(o.nameIdFormat ?? PERSISTENT)}">${esc(o.nameId)}</saml:NameID>` +
    '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml:SubjectConfirmationData NotOnOrAfter="${o.notOnOrAfter}" Recipient="${esc(o.recipient ?? o.acs)}"` +
    `${attrOf('InResponseTo', o.inResponseTo)}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${o.notBefore}" NotOnOrAfter="${o.notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? o.spEntityId)}</saml:Audience>` +
    '</saml:AudienceRestriction></saml:Conditions>' +
    `<saml:AuthnStatement AuthnInstant="${o.now.toISOString()}" SessionIndex="${id()}"><saml:AuthnContext>` +
    '<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport' +
    '</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>' +
    (o.attributes.length ? `<saml:AttributeStatement>${o.attributes.join('')}</saml:AttributeStatement>` : '') +
    '</saml:Assertion>'
  );
}
