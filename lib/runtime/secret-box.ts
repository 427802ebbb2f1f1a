// Secrets kept in the database (API keys, webhook URLs) are sealed with AES-256-GCM under a key derived
// from TOLLGATE_SECRET_KEY (HKDF-SHA256, one derived key per purpose). Sealed text: v1.<iv>.<tag>.<data>.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ConfigError } from './config-error.ts';

function derive(secretKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secretKey), Buffer.alloc(0), `tollgate:${purpose}`, 32));
}

export function seal(secretKey: string, purpose: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(secretKey, purpose), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(
    '.',
  );
}

export function open(secretKey: string, purpose: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined)
    throw new ConfigError('TOLLGATE_SECRET_KEY', 'a stored secret is not in a known format');
  try {
    const decipher = createDecipheriv('aes-256-gcm', derive(secretKey, purpose), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new ConfigError(
      'TOLLGATE_SECRET_KEY',
      'cannot decrypt a stored secret: the key changed since it was saved ' +
        '(set the previous TOLLGATE_SECRET_KEY, or enter the secret again)',
    );
  }
}
