// The receiver's check, as docs/webhooks.md tells receivers to copy it: a signed body verifies; a changed body, a
// wrong secret or a timestamp outside the window (a replayed delivery) does not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifyWebhookSignature } from './signature.ts';

const SECRET = 'whsec_test';
const now = new Date('2026-12-06T12:00:00Z');
const body = '{"id":"e1","type":"alert.raised"}';

describe('verifyWebhookSignature', () => {
  it('accepts what Tollgate signed, within the window', () => {
    const header = signatureHeader(SECRET, body, now);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, header, body, new Date(now.getTime() + 299_000))).toEqual({ ok: true });
  });

  it('refuses a tampered body, another secret, and an old or future timestamp', () => {
    const header = signatureHeader(SECRET, body, now);
    expect(verifyWebhookSignature(SECRET, header, body.replace('e1', 'e2'), now)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(verifyWebhookSignature('whsec_other', header, body, now)).toMatchObject({ reason: 'signature' });
    expect(verifyWebhookSignature(SECRET, header, body, new Date(now.getTime() + 301_000))).toMatchObject({
      reason: 'timestamp',
    });
    expect(verifyWebhookSignature(SECRET, header, body, new Date(now.getTime() - 301_000))).toMatchObject({
      reason: 'timestamp',
    });
    // A replayed delivery re-signed with a fresh t but the old v1 fails too: t is inside the signed text.
    const t = Math.floor(now.getTime() / 1000) + 600;
    const later = header.replace(/^t=\d+/, `t=${t}`);
    expect(verifyWebhookSignature(SECRET, later, body, new Date(t * 1000))).toMatchObject({ reason: 'signature' });
  });

  it('refuses malformed headers and accepts one of several v1 values (secret rotation)', () => {
    for (const bad of [null, '', 't=abc,v1=00', `v1=${'0'.repeat(64)}`, `t=${now.getTime() / 1000}`])
      expect(verifyWebhookSignature(SECRET, bad, body, now)).toMatchObject({ ok: false });
    const good = signatureHeader(SECRET, body, now);
    const both = `${good},v1=${'a'.repeat(64)}`;
    expect(verifyWebhookSignature(SECRET, both, body, now)).toEqual({ ok: true });
  });

  it('verifies any body signed now and refuses it with any one character changed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.nat(), (text, at) => {
        const header = signatureHeader(SECRET, text, now);
        if (!verifyWebhookSignature(SECRET, header, text, now).ok) return false;
        const i = at % text.length;
        const changed = text.slice(0, i) + String.fromCharCode((text.charCodeAt(i) + 1) % 0xffff) + text.slice(i + 1);
        return !verifyWebhookSignature(SECRET, header, changed, now).ok;
      }),
    );
  });
});
