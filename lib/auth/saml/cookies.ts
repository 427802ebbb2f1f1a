// The cookies of SAML sign-in. Pure: header strings only.
// - The browser binding ties an AuthnRequest to the browser that started it. The IdP's answer arrives as a
//   cross-site form POST, which carries a SameSite=Lax cookie only when the IdP is same-site (a local test IdP):
//   over https it is SameSite=None; Secure (and __Host-), so it reaches the ACS from any IdP.
// - The session cookie has the name and attributes Auth.js gives its own, so everything after sign-in is shared.

export const BINDING_MAX_AGE_S = 10 * 60;

export function bindingCookieName(secure: boolean): string {
  return secure ? '__Host-tollgate.saml-binding' : 'tollgate.saml-binding';
}

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Secure-authjs.session-token' : 'authjs.session-token';
}

export function bindingCookie(value: string, secure: boolean): string {
  const site = secure ? 'Secure; SameSite=None' : 'SameSite=Lax';
  return `${bindingCookieName(secure)}=${value}; Path=/; HttpOnly; ${site}; Max-Age=${BINDING_MAX_AGE_S}`;
}

export function clearBindingCookie(secure: boolean): string {
  const site = secure ? 'Secure; SameSite=None' : 'SameSite=Lax';
  return `${bindingCookieName(secure)}=; Path=/; HttpOnly; ${site}; Max-Age=0`;
}

export function sessionCookie(token: string, expires: Date, secure: boolean): string {
  const flags = secure ? '; Secure' : '';
  const expiry = `Expires=${expires.toUTCString()}`;
  return `${sessionCookieName(secure)}=${token}; Path=/; HttpOnly; SameSite=Lax; ${expiry}${flags}`;
}

/** One cookie's value from a Cookie header; values this code sets are base64url, anything else is ignored. */
export function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : null;
    }
  }
  return null;
}
