// SAML sign-in end to end in-process: Tollgate's routes (login → a real samlify IdP → ACS) against a real
// PostgreSQL. Each refusal is a response the IdP signs with one thing wrong, so each test fails without its check.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { assertionXml, createTestIdp, EMAIL, type ResponseOptions } from '@/test/saml-idp.ts';

const cookieJar = vi.hoisted(() => ({ session: null as string | null }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) =>
      name === 'authjs.session-token' && cookieJar.session ? { name, value: cookieJar.session } : undefined,
  }),
  headers: async () => new Headers(),
}));

const APP = 'http://localhost:3390';
const SP_ENTITY = `${APP}/api/auth/saml/metadata`;
const ACS = `${APP}/api/auth/saml/acs`;
const IDP_ENTITY = 'https://idp.test.example/saml';

process.env.DATABASE_URL = await createTestDatabase('saml');
Object.assign(process.env, {
  AUTH_URL: APP,
  OIDC_ISSUER: '',
  TOLLGATE_ROLE_MAP: 'tg-admins=admin,tg-auditors=auditor',
  SAML_IDP_METADATA: '<placeholder/>',
});
const { db } = await import('@/lib/db.ts');
const { GET: metadataRoute } = await import('@/app/api/auth/saml/metadata/route.ts');
const { GET: loginRoute, POST: loginPost } = await import('@/app/api/auth/saml/login/route.ts');
const { POST: acsRoute } = await import('@/app/api/auth/saml/acs/route.ts');
const { hashSessionToken } = await import('@/lib/auth/session-token.ts');

const spMetadata = await (await metadataRoute(new Request(SP_ENTITY))).text();
const idp = createTestIdp({ entityId: IDP_ENTITY, ssoUrl: 'https://idp.test.example/sso', spMetadata });
process.env.SAML_IDP_METADATA = idp.metadata;

beforeAll(() => {
  delete process.env.SAML_ALLOW_IDP_INITIATED;
});
afterAll(async () => {
  await db().$disconnect();
});

const subject = () => `p-${randomBytes(6).toString('hex')}`;

/** Starts a sign-in as the browser would: the request id the IdP sees and the binding cookie the browser keeps. */
async function startSignIn(callbackUrl = '/agents') {
  const res = await loginRoute(
    new Request(`${APP}/api/auth/saml/login?callbackUrl=${encodeURIComponent(callbackUrl)}`),
  );
  expect(res.status).toBe(303);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { id } = await idp.readRequest(res.headers.get('location')!);
  return { id, cookie };
}

async function postAcs(samlResponse: string, cookie: string | null, extra: Record<string, string> = {}) {
  const body = new URLSearchParams({ SAMLResponse: samlResponse, ...extra }).toString();
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    origin: 'https://idp.test.example',
  };
  if (cookie) headers.cookie = cookie;
  const res = await acsRoute(new Request(ACS, { method: 'POST', body, headers }));
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get('location')!);
  const session = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('authjs.session-token='))
    ?.split(';')[0]
    ?.split('=')[1];
  return { location, session: session ?? null };
}

/** A full solicited sign-in with the given response options. */
async function signIn(options: Partial<ResponseOptions> = {}) {
  const { id, cookie } = await startSignIn();
  const nameId = options.nameId ?? subject();
  const response = await idp.respond({ inResponseTo: id, nameId, ...options });
  return { ...(await postAcs(response, cookie)), nameId, response, cookie };
}

const refusedWith = (location: URL, error: string) => {
  expect(location.pathname).toBe('/sign-in');
  expect(location.searchParams.get('error')).toBe(error);
};

describe('SAML sign-in', () => {
  it('serves SP metadata: entity id, ACS URL, signed assertions wanted, persistent NameID', async () => {
    const res = await metadataRoute(new Request(SP_ENTITY));
    expect(res.headers.get('content-type')).toContain('application/samlmetadata+xml');
    expect(spMetadata).toContain(`entityID="${SP_ENTITY}"`);
    expect(spMetadata).toContain(`Location="${ACS}"`);
    expect(spMetadata).toContain('WantAssertionsSigned="true"');
    expect(spMetadata).toContain('urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
  });

  it('signs a user in keyed by (IdP entityID, NameID), maps groups to roles, audits, returns to the page', async () => {
    const { location, session, nameId } = await signIn({
      groups: ['tg-auditors', 'other'],
      email: 'ada@example.com',
      name: 'Ada',
    });
    expect(location.href).toBe(`${APP}/agents`);
    expect(session).toBeTruthy();
    const row = await db().session.findUnique({
      where: { tokenHash: hashSessionToken(session!) },
      include: { user: true },
    });
    expect(row!.user).toMatchObject({ issuer: IDP_ENTITY, subject: nameId, email: 'ada@example.com', name: 'Ada' });
    expect(row!.user.groups).toEqual(['tg-auditors', 'other']);
    // session.ts accepts the SAML IdP's users (not only OIDC_ISSUER's) and maps their groups through the role map.
    cookieJar.session = session;
    const { getCurrentUser } = await import('@/lib/auth/session.ts');
    expect(await getCurrentUser()).toMatchObject({ subject: nameId, roles: ['auditor'] });
    const audit = await db().auditEvent.findFirst({
      where: { action: 'auth.sign_in', targetId: row!.user.id },
      orderBy: { seq: 'desc' },
    });
    expect(audit!.diff).toMatchObject({ method: 'saml', groups: ['tg-auditors', 'other'] });
  });

  it('signs the same person in again as the same user, with the groups of the new assertion', async () => {
    const nameId = subject();
    const first = await signIn({ nameId, groups: ['tg-auditors'] });
    const second = await signIn({ nameId, groups: ['tg-admins'] });
    const [a, b] = await Promise.all(
      [first.session!, second.session!].map((s) =>
        db().session.findUnique({ where: { tokenHash: hashSessionToken(s) }, include: { user: true } }),
      ),
    );
    expect(b!.userId).toBe(a!.userId);
    expect(b!.user.groups).toEqual(['tg-admins']);
  });

  it('refuses an unsigned assertion inside a signed Response', async () => {
    const { location, session } = await signIn({ unsignedAssertion: true });
    refusedWith(location, 'SamlRefused');
    expect(session).toBeNull();
  });

  it('refuses a second, unsigned assertion injected beside the signed one (signature wrapping)', async () => {
    const { id, cookie } = await startSignIn();
    const signed = Buffer.from(await idp.respond({ inResponseTo: id, nameId: subject() }), 'base64').toString();
    const evil = assertionXml({
      id: `_${randomBytes(8).toString('hex')}`,
      issuer: IDP_ENTITY,
      spEntityId: SP_ENTITY,
      acs: ACS,
      inResponseTo: id,
      nameId: 'the-admin',
      groups: ['tg-admins'],
      notBefore: new Date(Date.now() - 1000).toISOString(),
      notOnOrAfter: new Date(Date.now() + 300_000).toISOString(),
      now: new Date(),
      attributes: [],
    });
    const wrapped = signed.replace('<saml:Assertion ', `${evil}<saml:Assertion `);
    expect(wrapped).not.toBe(signed);
    const { location, session } = await postAcs(Buffer.from(wrapped).toString('base64'), cookie);
    refusedWith(location, 'SamlRefused');
    expect(session).toBeNull();
    expect(await db().user.count({ where: { subject: 'the-admin' } })).toBe(0);
  });

  it('refuses the signed assertion wrapped inside an unsigned one for someone else (wrapping)', async () => {
    const { id, cookie } = await startSignIn();
    const signed = Buffer.from(await idp.respond({ inResponseTo: id, nameId: subject() }), 'base64').toString();
    const original = signed.slice(signed.indexOf('<saml:Assertion '), signed.indexOf('</saml:Assertion>') + 17);
    const evil = assertionXml({
      id: `_${randomBytes(8).toString('hex')}`,
      issuer: IDP_ENTITY,
      spEntityId: SP_ENTITY,
      acs: ACS,
      inResponseTo: id,
      nameId: 'the-wrapper',
      notBefore: new Date(Date.now() - 1000).toISOString(),
      notOnOrAfter: new Date(Date.now() + 300_000).toISOString(),
      now: new Date(),
      attributes: [],
    }).replace('</saml:Issuer>', `</saml:Issuer>${original}`);
    const wrapped = signed.replace(original, evil);
    const { location, session } = await postAcs(Buffer.from(wrapped).toString('base64'), cookie);
    refusedWith(location, 'SamlRefused');
    expect(session).toBeNull();
    expect(await db().user.count({ where: { subject: 'the-wrapper' } })).toBe(0);
  });

  it('refuses a signed response that carries a DOCTYPE', async () => {
    const { id, cookie } = await startSignIn();
    const signed = Buffer.from(await idp.respond({ inResponseTo: id, nameId: subject() }), 'base64').toString();
    const withDoctype = `<!DOCTYPE samlp:Response [<!ENTITY x "y">]>${signed}`;
    const { location, session } = await postAcs(Buffer.from(withDoctype).toString('base64'), cookie);
    refusedWith(location, 'SamlRefused');
    expect(session).toBeNull();
  });

  it('makes a NameID listed in TOLLGATE_ADMIN_SUBJECTS an admin, whatever its groups', async () => {
    const { session, nameId } = await (async () => {
      const nameId = subject();
      process.env.TOLLGATE_ADMIN_SUBJECTS = nameId;
      return signIn({ nameId, groups: ['nothing-mapped'] });
    })();
    try {
      cookieJar.session = session;
      const { getCurrentUser } = await import('@/lib/auth/session.ts');
      expect(await getCurrentUser()).toMatchObject({ subject: nameId, roles: ['admin'] });
    } finally {
      delete process.env.TOLLGATE_ADMIN_SUBJECTS;
    }
  });

  it('refuses a tampered signed assertion', async () => {
    const { id, cookie } = await startSignIn();
    const signed = Buffer.from(await idp.respond({ inResponseTo: id, nameId: 'someone' }), 'base64').toString();
    const tampered = signed.replace('>someone<', '>the-admin<');
    const { location } = await postAcs(Buffer.from(tampered).toString('base64'), cookie);
    refusedWith(location, 'SamlRefused');
  });

  it('refuses a replayed assertion', async () => {
    const first = await signIn();
    expect(first.session).toBeTruthy();
    const again = await postAcs(first.response, first.cookie);
    expect(again.session).toBeNull();
    expect(again.location.pathname).toBe('/sign-in');
  });

  it('refuses a replayed unsolicited assertion even when IdP-initiated sign-in is allowed', async () => {
    process.env.SAML_ALLOW_IDP_INITIATED = '1';
    try {
      const response = await idp.respond({ nameId: subject() });
      expect((await postAcs(response, null)).session).toBeTruthy();
      const again = await postAcs(response, null);
      refusedWith(again.location, 'SamlReplay');
      expect(again.session).toBeNull();
    } finally {
      delete process.env.SAML_ALLOW_IDP_INITIATED;
    }
  });

  it('refuses an assertion for another audience', async () => {
    refusedWith((await signIn({ audience: 'https://other-sp.example/' })).location, 'SamlRefused');
  });

  it('refuses a Recipient or a Destination that is not this ACS URL', async () => {
    refusedWith((await signIn({ recipient: 'https://other-sp.example/acs' })).location, 'SamlRefused');
    refusedWith((await signIn({ destination: 'https://other-sp.example/acs' })).location, 'SamlRefused');
  });

  it('refuses an assertion signed by the IdP but naming another issuer', async () => {
    refusedWith((await signIn({ issuer: 'https://evil.example/idp' })).location, 'SamlRefused');
  });

  it('refuses an expired assertion, and one not yet valid, beyond two minutes of skew', async () => {
    const now = Date.now();
    const expired = { notBefore: new Date(now - 600_000), notOnOrAfter: new Date(now - 150_000) };
    refusedWith((await signIn(expired)).location, 'SamlRefused');
    refusedWith((await signIn({ notBefore: new Date(now + 150_000) })).location, 'SamlRefused');
    // Within the skew: accepted.
    const skewed = await signIn({ notBefore: new Date(now + 60_000) });
    expect(skewed.session).toBeTruthy();
  });

  it('refuses a response to an unknown request, to another browser, or to a request already used', async () => {
    const { cookie } = await startSignIn();
    refusedWith(
      (await postAcs(await idp.respond({ inResponseTo: '_unknown', nameId: subject() }), cookie)).location,
      'SamlRequest',
    );
    const mine = await startSignIn();
    const response = await idp.respond({ inResponseTo: mine.id, nameId: subject() });
    const other = `tollgate.saml-binding=${randomBytes(32).toString('base64url')}`;
    refusedWith((await postAcs(response, other)).location, 'SamlRequest');
    refusedWith((await postAcs(response, null)).location, 'SamlRequest');
    expect((await postAcs(response, mine.cookie)).session).toBeTruthy();
    const twice = await idp.respond({ inResponseTo: mine.id, nameId: subject() });
    refusedWith((await postAcs(twice, mine.cookie)).location, 'SamlRequest');
  });

  it('refuses a response to an expired request', async () => {
    const { id, cookie } = await startSignIn();
    await db().samlRequest.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    refusedWith(
      (await postAcs(await idp.respond({ inResponseTo: id, nameId: subject() }), cookie)).location,
      'SamlRequest',
    );
  });

  it('refuses an unsolicited response unless SAML_ALLOW_IDP_INITIATED=1, then lands on RelayState', async () => {
    const response = await idp.respond({ nameId: subject() });
    const refused = await postAcs(response, null);
    refusedWith(refused.location, 'SamlUnsolicited');
    process.env.SAML_ALLOW_IDP_INITIATED = '1';
    try {
      const other = await idp.respond({ nameId: subject() });
      const accepted = await postAcs(other, null, { RelayState: '/findings' });
      expect(accepted.session).toBeTruthy();
      expect(accepted.location.href).toBe(`${APP}/findings`);
      const hostile = await postAcs(await idp.respond({ nameId: subject() }), null, { RelayState: '//evil.example/x' });
      expect(hostile.location.href).toBe(`${APP}/`);
    } finally {
      delete process.env.SAML_ALLOW_IDP_INITIATED;
    }
  });

  it('refuses a NameID that is not persistent (an email, a transient or an unspecified one)', async () => {
    for (const format of [
      EMAIL,
      'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
      'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    ]) {
      const { location, session } = await signIn({ nameId: 'ada@example.com', nameIdFormat: format });
      refusedWith(location, 'SamlNameId');
      expect(session).toBeNull();
    }
    expect(await db().user.count({ where: { subject: 'ada@example.com' } })).toBe(0);
  });

  it('keeps a same-origin callbackUrl only, and refuses a cross-site POST to start a sign-in', async () => {
    const { id, cookie } = await startSignIn('https://evil.example/phish');
    expect((await db().samlRequest.findUnique({ where: { id } }))!.callbackUrl).toBe('/');
    expect(cookie).toMatch(/^tollgate\.saml-binding=/);
    const post = (origin: string) =>
      loginPost(
        new Request(`${APP}/api/auth/saml/login`, {
          method: 'POST',
          body: 'callbackUrl=%2Faudit',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin, host: 'localhost:3390' },
        }),
      );
    expect((await post('https://evil.example')).status).toBe(403);
    expect((await post(APP)).status).toBe(303);
  });

  it('slows an address that starts sign-ins in a loop (429 with Retry-After), not another address', async () => {
    const from = (ip: string) =>
      loginRoute(new Request(`${APP}/api/auth/saml/login`, { headers: { 'x-forwarded-for': ip } }));
    const answers = [];
    for (let i = 0; i < 61; i++) answers.push((await from('198.51.100.7')).status);
    expect(answers.slice(0, 60).every((s) => s === 303)).toBe(true);
    const refused = await from('198.51.100.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from('198.51.100.8')).status).toBe(303);
  });

  it('refuses an oversized body without reading it all', async () => {
    const { location } = await postAcs('A'.repeat(600 * 1024), null);
    refusedWith(location, 'SamlRefused');
  });
});
