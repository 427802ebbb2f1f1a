// Ed25519 signatures over the audit chain head. The private key lives in TOLLGATE_AUDIT_SIGNING_KEY
// (PKCS#8 PEM) or <data dir>/audit-signing-key.pem, generated on first use; never in the database.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Env } from '@/lib/runtime/config-error.ts';

export type SigningKey = { privateKey: KeyObject; publicKeyPem: string; keyId: string };

export function loadSigningKey(dataDir: string, env: Env = process.env): SigningKey {
  let pem = env.TOLLGATE_AUDIT_SIGNING_KEY;
  const file = path.join(dataDir, 'audit-signing-key.pem');
  if (!pem) {
    if (!existsSync(file)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    pem = readFileSync(file, 'utf8');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem.replaceAll('\\n', '\n'));
  } catch {
    throw new ConfigError(
      env.TOLLGATE_AUDIT_SIGNING_KEY ? 'TOLLGATE_AUDIT_SIGNING_KEY' : 'TOLLGATE_DATA_DIR',
      'the audit signing key is not a valid PKCS#8 PEM private key',
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError('TOLLGATE_AUDIT_SIGNING_KEY', 'the audit signing key must be an Ed25519 key');
  }
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem, keyId: keyFingerprint(publicKeyPem) };
}

export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** What is signed: a fixed-format statement of the chain head. */
export function headStatement(seq: bigint, hash: string): Buffer {
  return Buffer.from(`tollgate-audit-head-v1\nseq=${seq}\nhash=${hash}\n`, 'utf8');
}

export function signHeadStatement(key: SigningKey, seq: bigint, hash: string): string {
  return sign(null, headStatement(seq, hash), key.privateKey).toString('base64');
}

export function verifyHeadSignature(publicKeyPem: string, seq: bigint, hash: string, signature: string): boolean {
  try {
    return verify(null, headStatement(seq, hash), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
