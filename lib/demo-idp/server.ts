// The demo identity provider: a real OpenID provider (oidc-provider) on loopback, used when no
// OIDC_ISSUER is configured. Anyone can sign in as any demo user — the page says so.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_USERS } from './users.ts';
import { renderSignInPage } from './page.ts';

export type DemoIdp = { issuer: string; clientId: string; clientSecret: string; close: () => Promise<void> };

function loadJwks(dataDir: string) {
  const file = path.join(dataDir, 'demo-idp-jwks.json');
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
    writeFileSync(file, JSON.stringify({ keys: [jwk] }), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

export async function startDemoIdp(options: {
  port: number;
  appUrl: string;
  dataDir: string;
  clientSecret: string;
  cookieSecret: string;
}): Promise<DemoIdp> {
  const issuer = `http://localhost:${options.port}`;
  const clientId = 'tollgate-demo';
  const { default: Provider } = await quietly(() => import('oidc-provider'));
  const provider = await quietly(
    () =>
      new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: options.clientSecret,
            redirect_uris: [`${options.appUrl}/api/auth/callback/oidc`],
            post_logout_redirect_uris: [`${options.appUrl}/sign-in`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        jwks: loadJwks(options.dataDir),
        cookies: { keys: [options.cookieSecret] },
        scopes: ['openid', 'email', 'profile', 'groups'],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
        // Auth.js reads the ID token, not userinfo: put the requested claims in it.
        conformIdTokenClaims: false,
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        async findAccount(_ctx, id) {
          const user = DEMO_USERS.find((u) => u.id === id);
          if (!user) return undefined;
          return {
            accountId: user.id,
            claims: async () => ({
              sub: user.id,
              email: user.email,
              email_verified: true,
              name: user.name,
              groups: user.groups,
            }),
          };
        },
        // Tollgate is this provider's only, first-party client: grant what it asks without a consent screen.
        async loadExistingGrant(ctx: KoaContextWithOIDC) {
          const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
          if (grantId) return ctx.oidc.provider.Grant.find(grantId);
          const grant = new ctx.oidc.provider.Grant({
            clientId: ctx.oidc.client!.clientId,
            accountId: ctx.oidc.session!.accountId,
          });
          grant.addOIDCScope('openid email profile groups');
          await grant.save();
          return grant;
        },
      }),
  );

  const oidc = provider.callback();
  const server = http.createServer(async (req, res) => {
    try {
      const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url ?? '/', issuer).pathname);
      if (!match) return oidc(req, res);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' " +
          options.appUrl +
          "; frame-ancestors 'none'",
      );
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'POST' && match[2]) {
        const body = new URLSearchParams(await readBody(req));
        const account = DEMO_USERS.find((u) => u.id === body.get('account'));
        if (!account) {
          res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Unknown demo user.');
          return;
        }
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: account.id } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(renderSignInPage(details.uid, options.appUrl));
    } catch (error) {
      res
        .writeHead(400, { 'Content-Type': 'text/plain' })
        .end(`Sign-in could not continue: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    issuer,
    clientId,
    clientSecret: options.clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('request too large');
  }
  return body;
}

// oidc-provider warns that Node 20 is unsupported (it works; measured) and that its in-memory store
// is for development — which is exactly what a demo provider is. Keep the start-up output clean.
const EXPECTED_WARNINGS =
  /oidc-provider WARNING: (Unsupported runtime|a quick start development-only in-memory adapter)/;
async function quietly<T>(fn: () => T | Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!EXPECTED_WARNINGS.test(String(args[0]))) warn(...args);
  };
  try {
    return await fn();
  } finally {
    console.warn = warn;
  }
}
