// The Content-Security-Policy: scripts only with this request's nonce (and what they load:
// 'strict-dynamic'), no framing, no plugins, forms only to ourselves and the IdP.
export function buildCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${process.env.OIDC_ISSUER ? new URL(process.env.OIDC_ISSUER).origin : ''}`,
    "frame-ancestors 'none'",
  ].join('; ');
}
