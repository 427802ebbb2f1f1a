// The three SAML endpoints, called through publicRoute by app/api/auth/saml/*/route.ts: the SP metadata, the start
// of a sign-in (an AuthnRequest by HTTP-Redirect) and the assertion consumer service (the IdP's form POST).
import { TokenBuckets } from '@/lib/scim/rate-limit.ts';
import 'server-only';
import { logger } from '@/lib/log.ts';
import type { PublicContext } from '@/lib/http/public-route.ts';
import { safeRedirectPath } from '@/lib/auth/redirect-target.ts';
import { bindingCookie, bindingCookieName, clearBindingCookie, readCookie, sessionCookie } from './cookies.ts';
import { currentSamlSettings } from './current.ts';
import { loadIdpMetadata } from './idp.ts';
import type { IdpMetadata } from './metadata.ts';
import { signInSamlUser } from './sign-in-service.ts';
import { serviceProvider, serviceProviderMetadata } from './sp.ts';
import { newBinding, requestCache } from './store.ts';
import { verifySamlResponse, type SamlFailure } from './verify.ts';

/** An IdP's response with a few hundred groups stays far below this; base64 makes it a third larger. */
export const MAX_ACS_BODY = 512 * 1024;
const MAX_LOGIN_BODY = 16 * 1024;

// GET /api/auth/saml/metadata
export async function samlMetadata(): Promise<Response> {
  const settings = currentSamlSettings();
  if (!settings) return new Response('SAML sign-in is not configured.\n', { status: 404 });
  return new Response(serviceProviderMetadata(settings), {
    headers: { 'Content-Type': 'application/samlmetadata+xml; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
}

// GET|POST /api/auth/saml/login — the POST comes from the sign-in page's form (publicRoute checks its Origin).
// Each start stores a request row (10 minutes): a client starting sign-ins in a loop is slowed per address — a
// burst of 60, then one a second — so nobody fills the table. In memory, per instance, like SCIM's failure limit.
const globalForSaml = globalThis as unknown as { tollgateSamlStarts?: TokenBuckets };
const starts = () => (globalForSaml.tollgateSamlStarts ??= new TokenBuckets({ capacity: 60, perSecond: 1 }));
const nearestAddress = (request: Request) =>
  request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || request.headers.get('x-real-ip') || 'unknown';

export async function samlLogin({ db, request }: PublicContext): Promise<Response> {
  const settings = currentSamlSettings();
  if (!settings) return new Response('SAML sign-in is not configured.\n', { status: 404 });
  const wait = starts().take(nearestAddress(request), Date.now());
  if (wait > 0)
    return new Response(`Too many sign-ins started from this address: retry in ${wait} s.\n`, {
      status: 429,
      headers: { 'Retry-After': String(wait) },
    });
  const appOrigin = new URL(settings.acsUrl).origin;
  const asked =
    request.method === 'POST'
      ? (await readForm(request, MAX_LOGIN_BODY))?.get('callbackUrl')
      : new URL(request.url).searchParams.get('callbackUrl');
  let idp: IdpMetadata;
  try {
    idp = await loadIdpMetadata(settings);
  } catch (error) {
    logger.error({ err: error }, 'SAML sign-in cannot start: IdP metadata unreadable');
    return toSignIn(appOrigin, 'SamlConfiguration');
  }
  const secure = appOrigin.startsWith('https:');
  // A browser already holding a binding keeps it, so two sign-ins started in two tabs both stay valid.
  const binding = readCookie(request.headers.get('cookie'), bindingCookieName(secure)) ?? newBinding();
  const cache = requestCache(db, binding, safeRedirectPath(asked, appOrigin));
  const location = await serviceProvider(settings, idp, cache).getAuthorizeUrlAsync('', undefined, {});
  return new Response(null, {
    status: 303,
    headers: { Location: location, 'Set-Cookie': bindingCookie(binding, secure), 'Cache-Control': 'no-store' },
  });
}

// POST /api/auth/saml/acs — the IdP's cross-site form POST: no Origin check (that is the protocol); the body is
// capped, and every failure lands on the sign-in page with a plain message, its detail in the server log.
export async function samlAcs({ db, request }: PublicContext): Promise<Response> {
  const settings = currentSamlSettings();
  if (!settings) return new Response('SAML sign-in is not configured.\n', { status: 404 });
  const appOrigin = new URL(settings.acsUrl).origin;
  const secure = appOrigin.startsWith('https:');
  const requestId = request.headers.get('x-request-id');
  const fail = (failure: SamlFailure | 'SamlConfiguration', detail: string) => {
    logger.warn({ failure, detail, requestId }, 'SAML sign-in refused');
    return toSignIn(appOrigin, failure, clearBindingCookie(secure));
  };
  const form = await readForm(request, MAX_ACS_BODY);
  const samlResponse = form?.get('SAMLResponse');
  if (!form || !samlResponse)
    return fail('SamlRefused', form ? 'no SAMLResponse field' : 'body too large or unreadable');
  let idp: IdpMetadata;
  try {
    idp = await loadIdpMetadata(settings);
  } catch (error) {
    return fail('SamlConfiguration', (error as Error).message);
  }
  const binding = readCookie(request.headers.get('cookie'), bindingCookieName(secure));
  const verdict = await verifySamlResponse({ db, settings, idp, samlResponse, binding });
  if (!verdict.ok) return fail(verdict.failure, verdict.detail);
  const sourceIp = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || null;
  const session = await signInSamlUser(db, verdict.identity, { requestId, sourceIp });
  // An unsolicited response may name where to go in RelayState: a path of this app, like any callbackUrl.
  const target = verdict.callbackUrl ?? safeRedirectPath(form.get('RelayState'), appOrigin);
  const headers = new Headers({ Location: new URL(target, appOrigin).href, 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', sessionCookie(session.token, session.expires, secure));
  headers.append('Set-Cookie', clearBindingCookie(secure));
  return new Response(null, { status: 303, headers });
}

function toSignIn(appOrigin: string, error: string, cookie?: string): Response {
  const headers = new Headers({ Location: `${appOrigin}/sign-in?error=${error}`, 'Cache-Control': 'no-store' });
  if (cookie) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}

/** A urlencoded form read up to `limit` bytes; null when larger or not a form. */
async function readForm(request: Request, limit: number): Promise<URLSearchParams | null> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit || !request.body) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
