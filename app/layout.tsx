import type { Metadata } from 'next';
import { connection } from 'next/server';
import './globals.css';
import './styles/inventory.css';
import './styles/alerts.css';

export const metadata: Metadata = {
  title: { default: 'Tollgate', template: '%s · Tollgate' },
  description: 'Governance for ChatGPT Enterprise workspace agents',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the CSP nonce is new each time.
  await connection();
  const demo = process.env.TOLLGATE_DEMO_MODE === '1';
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {demo && (
          <div className="demo-banner" role="note">
            <strong>Demo mode</strong> — sign-in uses the built-in demo identity provider: anyone can sign in as any
            role. Set <code>OIDC_ISSUER</code> to use your organisation’s SSO.
          </div>
        )}
        {children}
      </body>
    </html>
  );
}
