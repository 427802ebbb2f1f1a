// formAction: the one way in for a server action. Authorizes first (401/403 before anything is read), parses
// the form once with zod, and answers ActionResult so the form shows the message instead of an error page.
import 'server-only';
import type { z } from 'zod';
import { authorize, type AuthorizedActor } from '@/lib/auth/authorize.ts';
import type { Permission } from '@/lib/auth/permissions.ts';
import { db, type Db } from '@/lib/db.ts';
import { actionResult, type ActionResult } from './action.ts';
import { markEntry } from './entry-permission.ts';
import { parseForm } from './form-data.ts';

export type ActionContext<I> = { actor: AuthorizedActor; db: Db; input: I; formData: FormData };
type Outcome<T> = { data?: T; message?: string } | undefined;

/** `export const saveX = formAction('x:write', schema, async ({ actor, db, input }) => …)` in a 'use server' file. */
export function formAction<S extends z.ZodType, T = undefined>(
  permission: Permission,
  schema: S,
  fn: (ctx: ActionContext<z.output<S>>) => Promise<Outcome<T>>,
): (prev: unknown, formData: FormData) => Promise<ActionResult<T>> {
  const action = async (_prev: unknown, formData: FormData) =>
    actionResult<T>(async () => {
      const actor = await authorize(permission);
      const input = parseForm(formData, schema);
      return fn({ actor, db: db(), input, formData: formData ?? new FormData() });
    });
  return markEntry(action, permission);
}
