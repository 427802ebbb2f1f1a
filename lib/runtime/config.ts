// Start-up configuration from the environment, validated once; every error names its setting.
import net from 'node:net';
import { parseRoleMap, parseSubjects } from '@/lib/auth/role-map.ts';
import { DEMO_ROLE_MAP } from '@/lib/demo-idp/users.ts';
import { readSamlSettings, samlConfigured, type SamlSettings } from '@/lib/auth/saml/config.ts';
import { readMaxInFlight } from '@/lib/http/admission-limit.ts';
import { ConfigError, type Env } from './config-error.ts';

export type StartConfig = {
  port: number;
  host: string;
  appUrl: string;
  demoMode: boolean;
  demoIdpPort: number;
  roleMapText: string;
  oidc: { issuer: string; clientId: string; clientSecret: string } | null;
  /** SAML sign-in beside (or instead of) OIDC; its metadata is read at start by the runtime. */
  saml: SamlSettings | null;
};

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function parsePort(value: string | undefined, setting: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConfigError(setting, `"${value}" is not a port number (1–65535)`);
  return port;
}

export function readStartConfig(env: Env = process.env): StartConfig {
  const port = parsePort(env.PORT, 'PORT', 3000);
  const host = env.HOST || 'localhost';
  const issuer = env.OIDC_ISSUER?.trim() || '';
  // The demo identity provider runs only when neither OIDC nor SAML sign-in is configured.
  const demoMode = !issuer && !samlConfigured(env);
  if (demoMode && !isLoopbackHost(host)) {
    throw new ConfigError(
      'OIDC_ISSUER',
      'is not set, so Tollgate would run its demo identity provider (anyone can sign in as any role), ' +
        `which is refused on the non-loopback HOST ${host}; ` +
        'configure OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or SAML_IDP_METADATA_URL)',
    );
  }
  let oidc: StartConfig['oidc'] = null;
  if (issuer) {
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      throw new ConfigError(
        'OIDC_ISSUER',
        `"${issuer}" is not a URL (expected e.g. https://login.example.com/oauth2/default)`,
      );
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      throw new ConfigError('OIDC_ISSUER', 'must be an https:// URL');
    }
    if (!env.OIDC_CLIENT_ID) throw new ConfigError('OIDC_CLIENT_ID', 'must be set when OIDC_ISSUER is set');
    if (!env.OIDC_CLIENT_SECRET) throw new ConfigError('OIDC_CLIENT_SECRET', 'must be set when OIDC_ISSUER is set');
    oidc = { issuer: issuer.replace(/\/$/, ''), clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET };
  }
  const roleMapText = env.TOLLGATE_ROLE_MAP ?? (demoMode ? DEMO_ROLE_MAP : '');
  parseRoleMap(roleMapText); // fail now, naming TOLLGATE_ROLE_MAP, rather than at the first sign-in
  parseSubjects(env.TOLLGATE_ADMIN_SUBJECTS);
  readMaxInFlight(env); // the proxy reads it again; a bad value stops the start here, naming the setting
  const appUrl = (env.AUTH_URL || `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    host,
    appUrl,
    demoMode,
    demoIdpPort: parsePort(env.TOLLGATE_DEMO_IDP_PORT, 'TOLLGATE_DEMO_IDP_PORT', port + 1),
    roleMapText,
    oidc,
    saml: readSamlSettings(env, appUrl),
  };
}

export async function assertPortFree(port: number, host: string, setting: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new ConfigError(
          setting,
          error.code === 'EADDRINUSE'
            ? `port ${port} is already in use on ${host}; stop the other program or set ${setting} to a free port`
            : `cannot listen on ${host}:${port} (${error.code})`,
        ),
      );
    });
    server.listen(port, host === 'localhost' ? '127.0.0.1' : host, () => server.close(() => resolve()));
  });
}

/** Fetches the issuer's discovery document so a typo fails at start, not at the first sign-in. */
export async function checkIssuer(issuer: string): Promise<void> {
  const url = `${issuer}/.well-known/openid-configuration`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(8000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const doc = (await res.json()) as { issuer?: string };
    if (doc.issuer?.replace(/\/$/, '') !== issuer) throw new Error(`it names a different issuer, ${doc.issuer}`);
  } catch (error) {
    throw new ConfigError('OIDC_ISSUER', `no usable OpenID discovery document at ${url} (${(error as Error).message})`);
  }
}
