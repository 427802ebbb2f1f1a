import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignOutButton } from '@/components/shell/sign-out-button.tsx';
import { getCurrentUser } from '@/lib/auth/session.ts';

export const metadata: Metadata = { title: 'No access' };

export default async function NoAccessPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  if (user.roles.length > 0) redirect('/');
  return (
    <main id="main" className="auth-page">
      <section className="auth-card" aria-labelledby="no-access-title">
        <h1 id="no-access-title">No access</h1>
        <p>
          You are signed in as <strong>{user.email ?? user.subject}</strong>, but none of your identity provider groups
          is mapped to a Tollgate role.
        </p>
        <p className="muted">
          {user.groupsClaim
            ? `Groups received: ${user.groups.length ? user.groups.join(', ') : '(none)'}.`
            : 'Your identity provider sent no groups claim at all.'}{' '}
          Ask your Tollgate administrator to map one of your groups in <code>TOLLGATE_ROLE_MAP</code>.
        </p>
        <SignOutButton />
      </section>
    </main>
  );
}
