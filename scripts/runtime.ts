// Everything the app needs before Next starts, shared by `npm start` and the e2e web server.
import { randomBytes } from 'node:crypto';
import { checkReachable, openDatabase } from '@/lib/db/connect.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { createDb } from '@/lib/db.ts';
import { signAuditHead } from '@/lib/audit/sign-head.ts';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { startDemoIdp } from '@/lib/demo-idp/server.ts';
import { resolveDataDir } from '@/lib/runtime/data-dir.ts';
import { loadSecrets } from '@/lib/runtime/secrets.ts';
import { assertSharedSecrets } from '@/lib/runtime/shared-secrets.ts';
import { assertDatabaseUrls } from '@/lib/runtime/database-urls.ts';
import { assertPacksDir } from '@/lib/evidence/packs-dir.ts';
import { assertPortFree, checkIssuer, readStartConfig, type StartConfig } from '@/lib/runtime/config.ts';
import { startDemo } from '@/lib/seed/demo-runtime.ts';
import { loadIdpMetadata } from '@/lib/auth/saml/idp.ts';
import { syncControls } from '@/lib/posture/catalogue-sync.ts';
import type { Env } from '@/lib/runtime/config-error.ts';

export type Runtime = { config: StartConfig; childEnv: NodeJS.ProcessEnv; close: () => Promise<void> };

export async function prepareRuntime(env: Env = process.env): Promise<Runtime> {
  const config = readStartConfig(env);
  const dataDir = resolveDataDir(env);
  // Several instances may share DATABASE_URL: they must share these too (docs/decisions/0031).
  assertDatabaseUrls(env);
  assertSharedSecrets(dataDir, env);
  assertPacksDir(env); // a shared evidence-packs folder (decision 0038) is checked now, not at the first pack
  const secrets = loadSecrets(dataDir, env);
  const signingKey = loadSigningKey(dataDir, env);
  await assertPortFree(config.port, config.host, 'PORT');
  if (config.demoMode) await assertPortFree(config.demoIdpPort, '127.0.0.1', 'TOLLGATE_DEMO_IDP_PORT');
  if (config.oidc) await checkIssuer(config.oidc.issuer);
  // SAML: the IdP's metadata must be readable now (a ConfigError naming the setting), not at the first sign-in.
  if (config.saml) await loadIdpMetadata(config.saml);

  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const fn of closers.reverse()) await fn().catch(() => {});
  };
  try {
    const database = await openDatabase({ dataDir, pgPassword: secrets.pgPassword, env });
    closers.push(database.stop);
    // Migrations, pg-boss and log ingestion hold session state: not through a transaction pooler.
    const directUrl = env.DIRECT_DATABASE_URL || database.url;
    if (env.DIRECT_DATABASE_URL) await checkReachable(directUrl, 'DIRECT_DATABASE_URL');
    const { applied } = await migrate(directUrl);
    if (applied.length) console.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);

    const db = createDb(database.url);
    closers.push(() => db.$disconnect());
    // The guide's controls as this version ships them (a new guide version is a data update).
    await syncControls(db);
    // The demo's simulated Compliance API runs in this process for as long as Tollgate does (lib/seed/demo-runtime.ts).
    if (env.TOLLGATE_DEMO_DATA !== '0') {
      const issuer = config.demoMode ? `http://localhost:${config.demoIdpPort}` : undefined;
      const demo = await startDemo(db, { url: directUrl, secretKey: secrets.secretKey, issuer });
      closers.push(demo.close);
      if (demo.seeded) console.log('Seeded the demo workspace (TOLLGATE_DEMO_DATA=0 starts empty).');
    }
    // The chain head is signed at start; then hourly by the scheduled job (scripts/start.ts), once across instances.
    await signAuditHead(db, signingKey, 'daily');

    let oidc = config.oidc;
    if (config.demoMode) {
      const idp = await startDemoIdp({
        port: config.demoIdpPort,
        appUrl: config.appUrl,
        dataDir,
        clientSecret: secrets.demoClientSecret,
        cookieSecret: secrets.authSecret,
      });
      closers.push(idp.close);
      oidc = { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret };
    }
    const childEnv: NodeJS.ProcessEnv = {
      ...env,
      NODE_ENV: env.TOLLGATE_DEV === '1' ? 'development' : 'production',
      DATABASE_URL: database.url,
      DIRECT_DATABASE_URL: directUrl,
      TOLLGATE_DATA_DIR: dataDir,
      AUTH_SECRET: secrets.authSecret,
      TOLLGATE_SECRET_KEY: secrets.secretKey,
      AUTH_URL: config.appUrl,
      AUTH_TRUST_HOST: 'true',
      // Empty with SAML alone: auth.ts then offers no OIDC provider and session.ts accepts the SAML IdP's users.
      OIDC_ISSUER: oidc?.issuer ?? '',
      OIDC_CLIENT_ID: oidc?.clientId ?? '',
      OIDC_CLIENT_SECRET: oidc?.clientSecret ?? '',
      OIDC_SCOPE: env.OIDC_SCOPE ?? (config.demoMode ? 'openid email profile groups' : 'openid email profile'),
      TOLLGATE_DEMO_MODE: config.demoMode ? '1' : '0',
      TOLLGATE_ROLE_MAP: config.roleMapText,
      TOLLGATE_INSTANCE: randomBytes(4).toString('hex'),
    };
    return { config, childEnv, close };
  } catch (error) {
    await close();
    throw error;
  }
}
