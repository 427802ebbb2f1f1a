'use client';
// A form whose action answers a signing secret: shown here once with a copy button, never again after a reload.
import Link from 'next/link';
import { useActionState } from 'react';
import { SecretOnce } from '@/components/ui/secret-once.tsx';
import type { ActionResult } from '@/lib/http/action.ts';
import type { CreatedWebhook } from '@/lib/webhooks/actions.ts';

type Action = (prev: unknown, formData: FormData) => Promise<ActionResult<CreatedWebhook>>;

export function SecretOnceForm({
  action,
  label,
  submit,
  className,
  primary = true,
  children,
}: {
  action: Action;
  label: string;
  submit: string;
  className?: string;
  primary?: boolean;
  children: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const created = state?.ok ? state.data : undefined;
  return (
    <form action={formAction} className={className} aria-label={label} aria-busy={pending}>
      {children}
      <div>
        <button className={primary ? 'button button-primary' : 'button'} type="submit" disabled={pending}>
          {submit}
        </button>
      </div>
      {state && !state.ok && (
        <p className="form-message error" role="alert">
          {state.message}
        </p>
      )}
      {created && (
        <SecretOnce message={state?.message} label="Signing secret" secret={created.secret}>
          Receivers verify <code>Tollgate-Signature</code> with it (docs/webhooks.md).{' '}
          <Link href={`/settings/webhooks/${created.id}`}>Open the subscription →</Link>
        </SecretOnce>
      )}
    </form>
  );
}
