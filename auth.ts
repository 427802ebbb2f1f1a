// Auth.js (next-auth v5): one generic OpenID Connect provider configured by env, database sessions.
import NextAuth from 'next-auth';
import { db } from './lib/db.ts';
import { tollgateAdapter } from './lib/auth/adapter.ts';
import { recordAudit } from './lib/audit/record.ts';
import { readGroupsClaim } from './lib/auth/groups.ts';
import { safeRedirectPath } from './lib/auth/redirect-target.ts';

const issuer = () => (process.env.OIDC_ISSUER ?? '').replace(/\/$/, '');

export const { handlers, signIn, signOut } = NextAuth(() => ({
  adapter: tollgateAdapter(db(), issuer),
  session: { strategy: 'database', maxAge: 8 * 3600, updateAge: 15 * 60 },
  trustHost: true,
  pages: { signIn: '/sign-in', error: '/sign-in' },
  // No OIDC provider when only SAML is configured (lib/auth/saml/); sign-out still runs through Auth.js.
  providers: !issuer()
    ? []
    : [
        {
          id: 'oidc',
          name: process.env.TOLLGATE_DEMO_MODE === '1' ? 'Demo identity provider' : 'Single sign-on',
          type: 'oidc',
          issuer: issuer(),
          clientId: process.env.OIDC_CLIENT_ID,
          clientSecret: process.env.OIDC_CLIENT_SECRET,
          checks: ['pkce', 'state', 'nonce'],
          authorization: { params: { scope: process.env.OIDC_SCOPE ?? 'openid email profile' } },
          profile(profile) {
            // `subject` reaches the adapter's createUser (Auth.js replaces `id` with a random one).
            return {
              id: String(profile.sub),
              subject: String(profile.sub),
              email: (profile.email as string | undefined) ?? null,
              name: (profile.name as string | undefined) ?? (profile.preferred_username as string | undefined) ?? null,
            };
          },
        },
      ],
  callbacks: {
    // Every redirect Auth.js makes (callbackUrl, redirectTo) lands on a path of this app, judged after URL parsing.
    redirect({ url, baseUrl }) {
      const origin = new URL(baseUrl).origin;
      return origin + safeRedirectPath(url, origin);
    },
  },
  events: {
    // Groups are re-read at every sign-in: roles follow the IdP, never the UI.
    async signIn({ user, profile }) {
      if (!user.id || !profile) return;
      const groups = readGroupsClaim(profile, process.env.OIDC_GROUPS_CLAIM);
      await db().$transaction(async (tx) => {
        await tx.user.update({
          where: { id: user.id },
          data: {
            groups: groups ?? [],
            groupsClaim: groups !== null,
            email: (profile.email as string) ?? undefined,
            name: (profile.name as string) ?? undefined,
            lastSignInAt: new Date(),
          },
        });
        await recordAudit(
          tx,
          { id: user.id!, label: (profile.email as string) ?? String(profile.sub), role: null },
          { action: 'auth.sign_in', targetType: 'user', targetId: user.id, diff: { groups } },
        );
      });
    },
  },
}));
