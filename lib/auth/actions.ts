'use server';
// Sign-in and sign-out are the only public server actions: they start or end the SSO flow and
// change no governed state (test/authz.test.ts lists them as public on purpose).
import { signIn, signOut } from '../../auth.ts';

function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === 'string' ? value : '/';
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

export async function signInWithSso(formData: FormData) {
  await signIn('oidc', { redirectTo: safeCallback(formData.get('callbackUrl')) });
}

export async function signOutEverywhere() {
  await signOut({ redirectTo: '/sign-in' });
}
