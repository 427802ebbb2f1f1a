// Secrets the app needs are read from the environment when set, else generated once into the data
// dir (mode 0600) and reused on every later start.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Env } from './config-error.ts';

export type Secrets = {
  authSecret: string;
  secretKey: string;
  /** Password of the embedded PostgreSQL superuser (unused with DATABASE_URL). */
  pgPassword: string;
  /** Client secret of the demo identity provider's Tollgate client. */
  demoClientSecret: string;
};

const ENV_NAMES: Partial<Record<keyof Secrets, string>> = {
  authSecret: 'AUTH_SECRET',
  secretKey: 'TOLLGATE_SECRET_KEY',
};

export function loadSecrets(dataDir: string, env: Env = process.env): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
    } catch {
      throw new ConfigError(
        'TOLLGATE_DATA_DIR',
        `${file} is not valid JSON; restore it from a backup or remove it to generate new secrets`,
      );
    }
  }
  const generated: Secrets = {
    authSecret: stored.authSecret ?? randomBytes(32).toString('base64url'),
    secretKey: stored.secretKey ?? randomBytes(32).toString('base64url'),
    pgPassword: stored.pgPassword ?? randomBytes(18).toString('base64url'),
    demoClientSecret: stored.demoClientSecret ?? randomBytes(24).toString('base64url'),
  };
  if (JSON.stringify(generated) !== JSON.stringify(stored)) {
    writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`, { mode: 0o600 });
  }
  const result = { ...generated };
  for (const [key, name] of Object.entries(ENV_NAMES) as [keyof Secrets, string][]) {
    const value = env[name];
    if (value !== undefined) {
      if (value.length < 32)
        throw new ConfigError(name, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)');
      result[key] = value;
    }
  }
  return result;
}
