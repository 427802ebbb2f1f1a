import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertDatabaseUrls, directDatabaseUrl } from './database-urls.ts';
import { assertSharedSecrets } from './shared-secrets.ts';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'shared-'));
const URL = 'postgresql://tollgate:x@db.example:5432/tollgate';
const ALL = {
  DATABASE_URL: URL,
  AUTH_SECRET: 'a'.repeat(40),
  TOLLGATE_SECRET_KEY: 'k'.repeat(40),
  TOLLGATE_AUDIT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----…',
};

describe('secrets every instance on one database shares', () => {
  it('are not asked of the embedded default, which generates its own', () => {
    expect(() => assertSharedSecrets(dir(), {})).not.toThrow();
    expect(() => assertSharedSecrets(dir(), { DATABASE_URL: '' })).not.toThrow();
  });

  it('are all given: nothing to refuse', () => {
    expect(() => assertSharedSecrets(dir(), ALL)).not.toThrow();
  });

  it.each([
    ['AUTH_SECRET', /^AUTH_SECRET: must be set when DATABASE_URL is set: .*openssl rand -base64 32/],
    ['TOLLGATE_SECRET_KEY', /^TOLLGATE_SECRET_KEY: must be set when DATABASE_URL is set: .*openssl rand/],
    [
      'TOLLGATE_AUDIT_SIGNING_KEY',
      /^TOLLGATE_AUDIT_SIGNING_KEY: must be set when DATABASE_URL is set: .*Ed25519.*genpkey -algorithm ed25519/,
    ],
  ])('refuses to start without %s, naming it', (setting, message) => {
    const env: Record<string, string | undefined> = { ...ALL, [setting]: undefined };
    expect(() => assertSharedSecrets(dir(), env)).toThrow(message);
    // An empty value is no value.
    expect(() => assertSharedSecrets(dir(), { ...ALL, [setting]: '' })).toThrow(message);
  });

  it('names the first missing and the others with it', () => {
    expect(() => assertSharedSecrets(dir(), { DATABASE_URL: URL })).toThrow(
      /^AUTH_SECRET: must be set when DATABASE_URL is set \(TOLLGATE_SECRET_KEY and TOLLGATE_AUDIT_SIGNING_KEY too\)/,
    );
  });

  it('points at the value an install that ran alone generated, so it can be shared', () => {
    const d = dir();
    writeFileSync(path.join(d, 'audit-signing-key.pem'), 'pem');
    expect(() => assertSharedSecrets(d, { ...ALL, TOLLGATE_AUDIT_SIGNING_KEY: undefined })).toThrow(
      `this install's earlier value is in ${path.join(d, 'audit-signing-key.pem')}`,
    );
  });
});

describe('the direct database URL', () => {
  it('defaults to DATABASE_URL and is refused alone', () => {
    expect(directDatabaseUrl({ DATABASE_URL: URL })).toBe(URL);
    expect(directDatabaseUrl({ DATABASE_URL: URL, DIRECT_DATABASE_URL: `${URL}2` })).toBe(`${URL}2`);
    expect(directDatabaseUrl({})).toBeUndefined();
    expect(() => assertDatabaseUrls({ DIRECT_DATABASE_URL: URL })).toThrow(
      /^DIRECT_DATABASE_URL: is set without DATABASE_URL/,
    );
    expect(() => assertDatabaseUrls({ DATABASE_URL: URL, DIRECT_DATABASE_URL: URL })).not.toThrow();
  });
});
