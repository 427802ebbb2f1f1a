'use client';
// A form bound to a server action that shows the action's message (success or error) inline.
import { useActionState } from 'react';
import type { ActionResult } from '@/lib/http/action.ts';

type Action = (prev: unknown, formData: FormData) => Promise<ActionResult>;

export function ActionForm({
  action,
  children,
  className,
  label,
}: {
  action: Action;
  children: React.ReactNode;
  className?: string;
  label?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className={className} aria-label={label} aria-busy={pending}>
      {children}
      {state && (
        <p className={state.ok ? 'form-message ok' : 'form-message error'} role={state.ok ? 'status' : 'alert'}>
          {state.message}
        </p>
      )}
    </form>
  );
}
