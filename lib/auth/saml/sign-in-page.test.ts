// The sign-in page offers one button per configured way in: OIDC (or the demo provider), SAML, or both.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: 'localhost:3000' }) }));
vi.mock('next/navigation', () => ({ redirect: () => {} }));
vi.mock('@/lib/auth/session.ts', () => ({ getCurrentUser: async () => null }));
vi.mock('@/lib/auth/actions.ts', () => ({ signInWithSso: async () => {} }));

const { default: SignInPage } = await import('@/app/(auth)/sign-in/page.tsx');

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

async function render(env: Record<string, string>, search: Record<string, string> = {}) {
  delete process.env.OIDC_ISSUER;
  delete process.env.SAML_IDP_METADATA_URL;
  delete process.env.SAML_IDP_METADATA;
  delete process.env.TOLLGATE_DEMO_MODE;
  Object.assign(process.env, env);
  const tree = await SignInPage({ searchParams: Promise.resolve({ callbackUrl: '/audit', ...search }) });
  return renderToStaticMarkup(createElement(() => tree));
}

describe('the sign-in page', () => {
  it('offers the SAML button alone when only SAML is configured, keeping the callback', async () => {
    const html = await render({ SAML_IDP_METADATA_URL: 'https://idp.example.com/metadata' });
    expect(html).toContain('Sign in with SAML single sign-on');
    expect(html).toContain('href="/api/auth/saml/login?callbackUrl=%2Faudit"');
    expect(html).not.toContain('Sign in with single sign-on');
    expect(html).not.toContain('demo');
  });

  it('offers both when OIDC and SAML are configured, and only OIDC otherwise', async () => {
    const both = await render({ OIDC_ISSUER: 'https://idp.example.com', SAML_IDP_METADATA: '<x/>' });
    expect(both).toContain('Sign in with single sign-on');
    expect(both).toContain('Sign in with SAML single sign-on');
    const oidc = await render({ OIDC_ISSUER: 'https://idp.example.com' });
    expect(oidc).toContain('Sign in with single sign-on');
    expect(oidc).not.toContain('SAML');
  });

  it('says plainly why a SAML sign-in was refused', async () => {
    const html = await render({ SAML_IDP_METADATA: '<x/>' }, { error: 'SamlNameId' });
    expect(html).toContain('no persistent user identifier');
  });
});
