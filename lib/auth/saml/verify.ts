// Judges an IdP's SAML Response. node-saml checks the signatures (the assertion's own, required), audience,
// NotBefore/NotOnOrAfter and InResponseTo against the stored requests; the checks it leaves out are made here:
// the assertion's issuer, a persistent NameID, Recipient and Destination, a replayed assertion, and the request
// consumed once, atomically.
import 'server-only';
import { DOMParser } from '@xmldom/xmldom';
import type { Profile } from '@node-saml/node-saml';
import type { Db } from '@/lib/db.ts';
import type { SamlSettings } from './config.ts';
import type { IdpMetadata } from './metadata.ts';
import { CLOCK_SKEW_MS, PERSISTENT, serviceProvider } from './sp.ts';
import { consumeRequest, rememberAssertion, requestCache } from './store.ts';

/** What the sign-in page is told (a plain message each); the detail goes to the server log only. */
export type SamlFailure = 'SamlRefused' | 'SamlUnsolicited' | 'SamlRequest' | 'SamlReplay' | 'SamlNameId';

export type SamlIdentity = {
  issuer: string;
  subject: string;
  email: string | null;
  name: string | null;
  /** Null when the assertion had no groups attribute at all. */
  groups: string[] | null;
};

export type SamlVerdict =
  | { ok: true; identity: SamlIdentity; callbackUrl: string | null }
  | { ok: false; failure: SamlFailure; detail: string };

const MAX_GROUPS = 1000;
const refuse = (failure: SamlFailure, detail: string): SamlVerdict => ({ ok: false, failure, detail });

export async function verifySamlResponse(input: {
  db: Db;
  settings: SamlSettings;
  idp: IdpMetadata;
  samlResponse: string;
  /** The browser-binding cookie sent with the POST (null when absent). */
  binding: string | null;
}): Promise<SamlVerdict> {
  const { db, settings, idp, binding } = input;
  // No document type in a SAML message: entity declarations only ever serve to expand or to confuse the parsers.
  if (/<!DOCTYPE/i.test(Buffer.from(input.samlResponse, 'base64').toString('utf8'))) {
    return refuse('SamlRefused', 'the response has a DOCTYPE');
  }
  const sp = serviceProvider(settings, idp, requestCache(db, binding));
  let profile: Profile | null;
  try {
    ({ profile } = await sp.validatePostResponseAsync({ SAMLResponse: input.samlResponse }));
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/InResponseTo is missing/.test(message)) return refuse('SamlUnsolicited', message);
    if (/InResponseTo/.test(message)) return refuse('SamlRequest', message);
    return refuse('SamlRefused', message);
  }
  if (!profile) return refuse('SamlRefused', 'the response carries no assertion');
  if (profile.issuer !== idp.entityId) {
    return refuse('SamlRefused', `assertion issuer "${profile.issuer}" is not the IdP's entityID "${idp.entityId}"`);
  }
  if (profile.nameIDFormat !== PERSISTENT || !profile.nameID) {
    return refuse('SamlNameId', `NameID format is "${profile.nameIDFormat ?? 'unspecified'}", not persistent`);
  }
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlNode } | undefined)?.Assertion;
  if (!assertion) return refuse('SamlRefused', 'the signed assertion cannot be read');
  const recipientError = checkRecipients(assertion, settings.acsUrl);
  if (recipientError) return refuse('SamlRefused', recipientError);
  const destination = responseDestination(profile.getSamlResponseXml?.() ?? '');
  if (destination !== null && destination !== settings.acsUrl) {
    return refuse('SamlRefused', `Destination "${destination}" is not this ACS URL "${settings.acsUrl}"`);
  }
  const assertionId = attr(assertion, 'ID');
  const notOnOrAfter = expiry(assertion);
  if (!assertionId || !notOnOrAfter) return refuse('SamlRefused', 'the assertion has no ID or no NotOnOrAfter');
  // Kept as long as the assertion could still be accepted (its NotOnOrAfter plus the clock skew allowed).
  const fresh = await rememberAssertion(db, idp.entityId, assertionId, new Date(notOnOrAfter + CLOCK_SKEW_MS));
  if (!fresh) return refuse('SamlReplay', `assertion ${assertionId} was already used`);

  const inResponseTo = typeof profile.inResponseTo === 'string' ? profile.inResponseTo : null;
  let callbackUrl: string | null = null;
  if (inResponseTo) {
    const request = await consumeRequest(db, inResponseTo, binding);
    if (!request)
      return refuse('SamlRequest', `request ${inResponseTo} is unknown, expired, used or another browser's`);
    callbackUrl = request.callbackUrl;
  } else if (!settings.allowIdpInitiated) {
    return refuse('SamlUnsolicited', 'an unsolicited response (no InResponseTo) while SAML_ALLOW_IDP_INITIATED is off');
  }
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  return {
    ok: true,
    callbackUrl,
    identity: {
      issuer: idp.entityId,
      subject: profile.nameID,
      email: firstString(attributes.email ?? attributes.mail ?? profile.email),
      name: firstString(attributes.displayName ?? attributes.name ?? attributes.cn),
      groups: readGroups(attributes[settings.groupsAttribute]),
    },
  };
}

type XmlNode = { $?: Record<string, string>; [child: string]: unknown };

const attr = (node: XmlNode | undefined, name: string): string | undefined => node?.$?.[name];
const children = (node: XmlNode | undefined, name: string): XmlNode[] =>
  Array.isArray(node?.[name]) ? (node[name] as XmlNode[]) : [];

/** Every bearer confirmation must name this ACS as its Recipient (SAML profiles §4.1.4.2), and there must be one. */
function checkRecipients(assertion: XmlNode, acsUrl: string): string | null {
  const confirmations = children(children(assertion, 'Subject')[0], 'SubjectConfirmation');
  const bearer = confirmations.filter((c) => attr(c, 'Method') === 'urn:oasis:names:tc:SAML:2.0:cm:bearer');
  if (!bearer.length) return 'the assertion has no bearer SubjectConfirmation';
  for (const c of bearer) {
    const recipient = attr(children(c, 'SubjectConfirmationData')[0], 'Recipient');
    if (recipient !== acsUrl) return `Recipient "${recipient ?? ''}" is not this ACS URL "${acsUrl}"`;
  }
  return null;
}

/** The latest time the assertion may be used: Conditions' NotOnOrAfter, else its confirmation's. */
function expiry(assertion: XmlNode): number | null {
  const conditions = attr(children(assertion, 'Conditions')[0], 'NotOnOrAfter');
  const confirmation = children(children(assertion, 'Subject')[0], 'SubjectConfirmation')
    .map((c) => attr(children(c, 'SubjectConfirmationData')[0], 'NotOnOrAfter'))
    .find(Boolean);
  const ms = Date.parse(conditions ?? confirmation ?? '');
  return Number.isFinite(ms) ? ms : null;
}

/** The Response's Destination attribute, or null when it has none. */
function responseDestination(xml: string): string | null {
  if (!xml) return null;
  const doc = new DOMParser({
    errorHandler: { warning: () => {}, error: () => {}, fatalError: () => {} },
  }).parseFromString(xml, 'text/xml');
  const root = doc?.documentElement;
  return root?.hasAttribute('Destination') ? root.getAttribute('Destination') : null;
}

function firstString(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() ? first.trim().slice(0, 320) : null;
}

/** The groups attribute's values (names or ids), strings only, bounded. */
function readGroups(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  const values = Array.isArray(value) ? value : [value];
  return [...new Set(values.filter((v): v is string => typeof v === 'string').map((v) => v.trim()))]
    .filter((v) => v && v.length <= 512)
    .slice(0, MAX_GROUPS);
}
