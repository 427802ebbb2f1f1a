// One way to read a submitted form: FormData → a plain object → a zod schema. Pure: no Next, no Prisma.
import { z } from 'zod';
import { AppError } from './app-error.ts';

// Field names that would reach an object's prototype if a later merge were careless.
const REFUSED = new Set(['__proto__', 'constructor', 'prototype']);

export type FormValue = string | File;
export type FormObject = Record<string, FormValue | FormValue[]>;

/** A name sent once is a value; sent again (checkbox groups, multi-selects) it becomes an array in form order. */
export function formObject(formData: FormData | null | undefined): FormObject {
  const out: FormObject = Object.create(null) as FormObject;
  for (const [name, value] of formData ?? []) {
    if (REFUSED.has(name)) throw new AppError('bad_request', `The form field “${name}” is not allowed.`);
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** Parses the form with `schema`; an invalid form is a 422 whose message is the schema's own messages, each once. */
export function parseForm<S extends z.ZodType>(formData: FormData | null | undefined, schema: S): z.output<S> {
  const parsed = schema.safeParse(formObject(formData));
  if (parsed.success) return parsed.data;
  throw new AppError('unprocessable', [...new Set(parsed.error.issues.map((i) => i.message))].join(' '));
}

const one = (v: unknown) => (Array.isArray(v) ? v.at(-1) : v);

/** Field helpers for schemas: what a browser sends, read the way the forms mean it. */
export const field = {
  /** A hidden id (workspace, agent…): present, 1–`max` characters; anything else answers `message`. */
  id: (message: string, max = 100) => z.string({ error: message }).min(1, message).max(max, message),
  /** A text input; absent or a file reads as ''. */
  text: () => z.preprocess((v) => (typeof one(v) === 'string' ? one(v) : ''), z.string()),
  /** A text input that may be absent: undefined when not sent (so "leave unchanged" differs from "clear"). */
  optionalText: () => z.preprocess((v) => (typeof one(v) === 'string' ? one(v) : undefined), z.string().optional()),
  /** A checkbox: present (any value but "no"/"false"/"off") is true, absent is false. */
  checkbox: () =>
    z.preprocess((v) => v !== undefined && !['no', 'false', 'off', ''].includes(String(one(v))), z.boolean()),
  /** A repeated field (checkbox group, multi-select): always an array of its text values. */
  list: () =>
    z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string'),
      z.array(z.string()),
    ),
};
