import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/browser.ts';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
const dataDir = path.resolve('.test-data', `e2e-${E2E_PORT}`);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
    trace: 'off',
  },
  projects: [
    { name: 'e2e', testIgnore: /(screenshots|admin)\.spec\.ts/ },
    // Revokes sessions of demo users: runs after the rest so it signs no other test out.
    { name: 'e2e-admin', testMatch: /admin\.spec\.ts/, dependencies: ['e2e'] },
    { name: 'screenshots', testMatch: /screenshots\.spec\.ts/ },
  ],
  webServer: {
    // The real start-up path (`npm start`): embedded PostgreSQL, migrations, demo seed, demo OpenID provider.
    command: `node scripts/e2e-server.mjs`,
    url: `http://localhost:${E2E_PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      PORT: String(E2E_PORT),
      TOLLGATE_DEMO_IDP_PORT: String(E2E_PORT + 1),
      TOLLGATE_DATA_DIR: dataDir,
      // e2e/webhooks.spec.ts delivers to a receiver on 127.0.0.1 (refused by default).
      TOLLGATE_WEBHOOK_ALLOW_PRIVATE: '1',
    },
  },
});
