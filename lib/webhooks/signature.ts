// Webhook signatures, both sides. Tollgate sends `Tollgate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<raw body>">`; a receiver copies verifyWebhookSignature (docs/webhooks.md), which refuses a tampered body
// and a timestamp outside the window (a replay of an old delivery). Pure: node:crypto only.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signatureHeader(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'malformed' | 'timestamp' | 'signature' };

export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): SignatureCheck {
  const parts = new Map<string, string[]>();
  for (const item of (header ?? '').slice(0, 2000).split(',')) {
    const at = item.indexOf('=');
    if (at <= 0) continue;
    const key = item.slice(0, at).trim();
    parts.set(key, [...(parts.get(key) ?? []), item.slice(at + 1).trim()]);
  }
  const t = parts.get('t')?.[0] ?? '';
  const signatures = parts.get('v1') ?? [];
  if (!/^\d{1,12}$/.test(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - Number(t)) > toleranceSeconds) return { ok: false, reason: 'timestamp' };
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  // Several v1 values are accepted, so a receiver keeps working while a secret is rotated.
  const match = signatures.some((s) => {
    const given = /^[0-9a-f]{64}$/i.test(s) ? Buffer.from(s, 'hex') : null;
    return given !== null && timingSafeEqual(given, expected);
  });
  return match ? { ok: true } : { ok: false, reason: 'signature' };
}
