// SAML settings and IdP metadata: what an administrator gets wrong is named, setting by setting.
import { describe, expect, it } from 'vitest';
import { readSamlSettings, samlConfigured } from './config.ts';
import { parseIdpMetadata } from './metadata.ts';
import { readStartConfig } from '@/lib/runtime/config.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadIdpMetadata } from './idp.ts';

const APP = 'https://tollgate.example.com';
const CERT = 'MIIBszCCAVmgAwIBAgIUQ2hlY2tlZA==';
const metadata = (entity = 'https://idp.example.com/saml', binding = 'HTTP-Redirect', use = 'signing') =>
  `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entity}">` +
  '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' +
  `<md:KeyDescriptor use="${use}"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>` +
  `<ds:X509Certificate>${CERT}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
  `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${binding}"` +
  ' Location="https://idp.example.com/sso"/>' +
  '</md:IDPSSODescriptor></md:EntityDescriptor>';

describe('SAML settings', () => {
  it('is off without metadata, and derives the SP addresses from AUTH_URL', () => {
    expect(readSamlSettings({}, APP)).toBeNull();
    expect(samlConfigured({ SAML_IDP_METADATA: ' ' })).toBe(false);
    const s = readSamlSettings({ SAML_IDP_METADATA_URL: 'https://idp.example.com/metadata' }, `${APP}/`)!;
    expect(s).toMatchObject({
      spEntityId: `${APP}/api/auth/saml/metadata`,
      acsUrl: `${APP}/api/auth/saml/acs`,
      groupsAttribute: 'groups',
      allowIdpInitiated: false,
      metadata: { kind: 'url' },
    });
    expect(readSamlSettings({ SAML_IDP_METADATA: '/etc/idp.xml' }, APP)!.metadata).toEqual({
      kind: 'file',
      path: '/etc/idp.xml',
    });
    expect(readSamlSettings({ SAML_IDP_METADATA: '<x/>', SAML_SP_ENTITY_ID: 'urn:tollgate' }, APP)!.spEntityId).toBe(
      'urn:tollgate',
    );
  });

  it('names the bad setting', () => {
    expect(() => readSamlSettings({ SAML_IDP_METADATA_URL: 'x', SAML_IDP_METADATA: '<x/>' }, APP)).toThrow(
      /^SAML_IDP_METADATA: and SAML_IDP_METADATA_URL are both set/,
    );
    expect(() => readSamlSettings({ SAML_IDP_METADATA_URL: 'not a url' }, APP)).toThrow(/^SAML_IDP_METADATA_URL: /);
    expect(() => readSamlSettings({ SAML_IDP_METADATA_URL: 'http://idp.example.com/m' }, APP)).toThrow(
      /^SAML_IDP_METADATA_URL: must be an https:\/\/ URL/,
    );
    expect(() => readSamlSettings({ SAML_IDP_METADATA: '<x/>', SAML_ALLOW_IDP_INITIATED: 'yes' }, APP)).toThrow(
      /^SAML_ALLOW_IDP_INITIATED: /,
    );
    expect(() => readSamlSettings({ SAML_IDP_METADATA: '<x/>', SAML_SP_ENTITY_ID: 'a b' }, APP)).toThrow(
      /^SAML_SP_ENTITY_ID: /,
    );
  });
});

describe('IdP metadata', () => {
  it('reads the entityID, the HTTP-Redirect SSO address and the signing certificate', () => {
    const idp = parseIdpMetadata(metadata());
    expect(idp.entityId).toBe('https://idp.example.com/saml');
    expect(idp.ssoUrl).toBe('https://idp.example.com/sso');
    expect(idp.certs).toEqual([`-----BEGIN CERTIFICATE-----\n${CERT}\n-----END CERTIFICATE-----\n`]);
  });

  it('says what is missing or refused', () => {
    expect(() => parseIdpMetadata('<oops')).toThrow(/not well-formed/);
    expect(() => parseIdpMetadata(metadata(''))).toThrow(/no entityID/);
    expect(() => parseIdpMetadata(metadata(undefined, 'HTTP-POST'))).toThrow(/HTTP-Redirect/);
    expect(() => parseIdpMetadata(metadata(undefined, undefined, 'encryption'))).toThrow(/no signing certificate/);
    expect(() => parseIdpMetadata(`<!DOCTYPE x [<!ENTITY a "b">]>${metadata()}`)).toThrow(/DOCTYPE/);
    expect(() => parseIdpMetadata('<x/>')).toThrow(/exactly one identity provider \(found 0\)/);
  });
});

describe('start-up: demo mode runs only when neither OIDC nor SAML is configured', () => {
  const oidc = { OIDC_ISSUER: 'https://idp.example.com', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' };
  const saml = { SAML_IDP_METADATA_URL: 'https://idp.example.com/metadata' };
  it('decides demo mode, OIDC and SAML from the environment', () => {
    expect(readStartConfig({})).toMatchObject({ demoMode: true, oidc: null, saml: null });
    expect(readStartConfig(saml)).toMatchObject({ demoMode: false, oidc: null, saml: { allowIdpInitiated: false } });
    expect(readStartConfig({ ...saml, ...oidc })).toMatchObject({ demoMode: false, oidc: { clientId: 'c' } });
    expect(readStartConfig({ ...saml, ...oidc }).saml).not.toBeNull();
    // SAML alone may listen beyond loopback: it is no demo.
    expect(readStartConfig({ ...saml, HOST: '0.0.0.0', AUTH_URL: APP }).saml!.acsUrl).toBe(`${APP}/api/auth/saml/acs`);
  });

  it('fails at start naming a bad SAML setting', () => {
    expect(() => readStartConfig({ SAML_IDP_METADATA_URL: 'ftp://x' })).toThrow(/^SAML_IDP_METADATA_URL: /);
  });
});

describe('IdP metadata at start', () => {
  it('reads it from a URL, and names the setting when the file or the URL cannot be read', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/metadata') res.end(metadata());
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = readSamlSettings({ SAML_IDP_METADATA_URL: `${base}/metadata` }, APP)!;
      expect((await loadIdpMetadata(ok)).entityId).toBe('https://idp.example.com/saml');
      const missing = readSamlSettings({ SAML_IDP_METADATA_URL: `${base}/nothing` }, APP)!;
      await expect(loadIdpMetadata(missing)).rejects.toThrow(/^SAML_IDP_METADATA_URL: fetching .* answered HTTP 404/);
    } finally {
      server.close();
    }
    const file = readSamlSettings({ SAML_IDP_METADATA: '/nonexistent/idp.xml' }, APP)!;
    await expect(loadIdpMetadata(file)).rejects.toThrow(/^SAML_IDP_METADATA: cannot read the file/);
    const bad = readSamlSettings({ SAML_IDP_METADATA: metadata(undefined, 'HTTP-POST') }, APP)!;
    await expect(loadIdpMetadata(bad)).rejects.toThrow(/^SAML_IDP_METADATA: .*HTTP-Redirect/);
  });
});
