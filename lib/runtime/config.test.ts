import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortFree, checkIssuer, readStartConfig } from './config.ts';
import { loadSecrets } from './secrets.ts';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('start-up configuration', () => {
  it('defaults to the demo provider on loopback', () => {
    const c = readStartConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: 'localhost',
      demoMode: true,
      appUrl: 'http://localhost:3000',
      demoIdpPort: 3001,
    });
    expect(c.roleMapText).toContain('agents-admin=reviewer');
  });

  it('refuses demo mode on a non-loopback host, naming OIDC_ISSUER', () => {
    expect(() => readStartConfig({ HOST: '0.0.0.0' })).toThrow(
      /^OIDC_ISSUER: is not set.*non-loopback HOST 0\.0\.0\.0/,
    );
  });

  it('names the bad setting', () => {
    expect(() => readStartConfig({ PORT: '70000' })).toThrow(/^PORT: "70000" is not a port number/);
    expect(() => readStartConfig({ TOLLGATE_MAX_IN_FLIGHT: '0' })).toThrow(/^TOLLGATE_MAX_IN_FLIGHT: "0" is not/);
    expect(() => readStartConfig({ OIDC_ISSUER: 'not a url' })).toThrow(/^OIDC_ISSUER: "not a url" is not a URL/);
    expect(() => readStartConfig({ OIDC_ISSUER: 'http://idp.example.com' })).toThrow(
      /^OIDC_ISSUER: must be an https:\/\/ URL/,
    );
    expect(() => readStartConfig({ OIDC_ISSUER: 'https://idp.example.com' })).toThrow(/^OIDC_CLIENT_ID: must be set/);
    expect(() => readStartConfig({ TOLLGATE_ROLE_MAP: 'x=root' })).toThrow(/^TOLLGATE_ROLE_MAP:/);
    expect(() => loadSecrets(mkdtempSync(path.join(os.tmpdir(), 's-')), { AUTH_SECRET: 'short' })).toThrow(
      /^AUTH_SECRET: must be at least 32 characters/,
    );
  });

  it('reports a port in use and an issuer without discovery, naming the setting', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as net.AddressInfo;
    await expect(assertPortFree(port, 'localhost', 'PORT')).rejects.toThrow(
      new RegExp(`^PORT: port ${port} is already in use`),
    );
    server.close();
    await expect(checkIssuer(`http://127.0.0.1:${port}`)).rejects.toThrow(
      /^OIDC_ISSUER: no usable OpenID discovery document/,
    );
  });

  it('generates secrets once and reuses them; env wins', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 's-'));
    const first = loadSecrets(dir, {});
    expect(loadSecrets(dir, {})).toEqual(first);
    expect(loadSecrets(dir, { AUTH_SECRET: 'x'.repeat(40) }).authSecret).toBe('x'.repeat(40));
  });
});
