import { signOutEverywhere } from '@/lib/auth/actions.ts';

export function SignOutButton({ small = false }: { small?: boolean }) {
  return (
    <form action={signOutEverywhere}>
      <button type="submit" className={small ? 'button button-small' : 'button'}>
        Sign out
      </button>
    </form>
  );
}
