// Tollgate as a SAML service provider (node-saml): the options every check depends on, in one place.
import { SAML, ValidateInResponseTo, type CacheProvider } from '@node-saml/node-saml';
import type { SamlSettings } from './config.ts';
import type { IdpMetadata } from './metadata.ts';

export const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
/** How long the IdP has to answer an AuthnRequest (the person may have to type a password and a code). */
export const REQUEST_TTL_MS = 10 * 60_000;
/** NotBefore / NotOnOrAfter are accepted this far off, both ways. */
export const CLOCK_SKEW_MS = 2 * 60_000;

export function serviceProvider(settings: SamlSettings, idp: IdpMetadata, cacheProvider: CacheProvider): SAML {
  return new SAML({
    issuer: settings.spEntityId,
    audience: settings.spEntityId,
    callbackUrl: settings.acsUrl,
    entryPoint: idp.ssoUrl,
    idpCert: idp.certs,
    // The assertion itself must carry a valid signature; a signature over the Response alone is not enough
    // (an unsigned assertion inside a signed Response is refused). Many IdPs sign only the assertion.
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    identifierFormat: PERSISTENT,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    // Unsolicited responses carry no InResponseTo: "always" refuses them, "ifPresent" lets them through.
    validateInResponseTo: settings.allowIdpInitiated ? ValidateInResponseTo.ifPresent : ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    cacheProvider,
    // Leave the authentication method to the IdP (it knows its MFA policy).
    disableRequestedAuthnContext: true,
    authnRequestBinding: 'HTTP-Redirect',
  });
}

/** The SP metadata an IdP administrator imports: entity id, ACS URL, signed assertions wanted, persistent NameID. */
export function serviceProviderMetadata(settings: SamlSettings): string {
  const noCache: CacheProvider = {
    saveAsync: async () => null,
    getAsync: async () => null,
    removeAsync: async () => null,
  };
  // The IdP certificate plays no part in SP metadata; node-saml's constructor only insists on one.
  const sp = serviceProvider(settings, { entityId: '', ssoUrl: settings.acsUrl, certs: ['unused'] }, noCache);
  return sp.generateServiceProviderMetadata(null, null);
}
