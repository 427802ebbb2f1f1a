'use server';
// Sign-in and sign-out are the only public server actions: they start or end the SSO flow and
// change no governed state (test/authz.test.ts lists them as public on purpose).
import { signIn, signOut } from '@/auth.ts';
import { safeRedirectPath } from './redirect-target.ts';
import { requestOrigin } from './request-origin.ts';

export async function signInWithSso(formData: FormData) {
  await signIn('oidc', { redirectTo: safeRedirectPath(formData.get('callbackUrl'), await requestOrigin()) });
}

export async function signOutEverywhere() {
  await signOut({ redirectTo: '/sign-in' });
}
