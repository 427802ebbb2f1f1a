import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { signInWithSso } from '@/lib/auth/actions.ts';
import { getCurrentUser } from '@/lib/auth/session.ts';
import { safeRedirectPath } from '@/lib/auth/redirect-target.ts';
import { requestOrigin } from '@/lib/auth/request-origin.ts';
import { Logo } from '@/components/shell/logo.tsx';
import { samlConfigured } from '@/lib/auth/saml/config.ts';

export const metadata: Metadata = { title: 'Sign in' };

const ERRORS: Record<string, string> = {
  OAuthCallbackError: 'The identity provider did not complete the sign-in. Try again.',
  AccessDenied: 'The identity provider refused the sign-in.',
  Configuration:
    'Sign-in is misconfigured on the server; ask your Tollgate administrator to check the OIDC_* settings.',
  // SAML (lib/auth/saml/verify.ts): the detail is in the server log, never on this page.
  SamlRefused: 'The identity provider’s answer was refused. Try again; if it keeps failing, ask your administrator.',
  SamlUnsolicited: 'Sign-in must start here, on Tollgate: use the button below.',
  SamlRequest: 'This sign-in expired or was already completed. Start again with the button below.',
  SamlReplay: 'This sign-in answer was already used. Start again with the button below.',
  SamlNameId:
    'The identity provider sent no persistent user identifier (NameID); ask your administrator to configure one.',
  SamlConfiguration:
    'SAML sign-in is misconfigured on the server; ask your Tollgate administrator to check the SAML_* settings.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl: asked, error } = await searchParams;
  // Only a path of this app, both for the redirect of a signed-in user and for the form's hidden field.
  const callbackUrl = safeRedirectPath(asked, await requestOrigin());
  if (await getCurrentUser()) redirect(callbackUrl);
  const demo = process.env.TOLLGATE_DEMO_MODE === '1';
  const oidc = Boolean(process.env.OIDC_ISSUER);
  const saml = samlConfigured(process.env);
  return (
    <main id="main" className="auth-page">
      <section className="auth-card" aria-labelledby="sign-in-title">
        <p className="brand-mark">
          <Logo size={36} />
        </p>
        <h1 id="sign-in-title">Sign in to Tollgate</h1>
        <p className="muted">Governance for ChatGPT Enterprise workspace agents.</p>
        {error && (
          <p className="alert alert-error" role="alert">
            {ERRORS[error] ?? 'Sign-in failed. Try again, or ask your administrator.'}
          </p>
        )}
        {oidc && (
          <form action={signInWithSso}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <button className="button button-primary button-wide" type="submit">
              {demo ? 'Sign in with the demo identity provider' : 'Sign in with single sign-on'}
            </button>
          </form>
        )}
        {saml && (
          // A link, not a form: the IdP's address is not in the CSP's form-action, and starting a sign-in
          // changes nothing (GET /api/auth/saml/login).
          <a
            className="button button-primary button-wide"
            href={`/api/auth/saml/login?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          >
            Sign in with SAML single sign-on
          </a>
        )}
        {demo ? (
          <p className="alert alert-warning">
            This is a demo install: <strong>anyone can sign in as any role</strong>. It only listens on this machine.
            Configure <code>OIDC_ISSUER</code>, <code>OIDC_CLIENT_ID</code> and <code>OIDC_CLIENT_SECRET</code> for real
            use.
          </p>
        ) : (
          <p className="muted small">
            Your dashboard role comes from your identity provider groups. There are no local passwords.
          </p>
        )}
      </section>
    </main>
  );
}
