// Checks one raw object from the platform or a file: first the hostile-JSON guard (no __proto__ & co, no NUL,
// bounded depth), then its zod shape. A refusal names the object (its id when it has one, else where it was
// found) and the field, so Sources can list "g-7fQ2: latest_config.tools[2].action: …" and move on.
import type { z } from 'zod';
import { findJsonProblem, formatJsonPath } from '@/lib/http/safe-json.ts';

/** What is wrong with one object: `id` its own id (or where it was, e.g. "line 4"), `field` a JSON path. */
export type ObjectProblem = { id: string; field: string; message: string };
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: ObjectProblem };

/** The object's own `id` when it is a usable string, else the `where` the caller gives. */
export function objectId(value: unknown, where: string): string {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : where;
}

export function checkRaw<S extends z.ZodType>(schema: S, value: unknown, where: string): Checked<z.output<S>> {
  const id = objectId(value, where);
  const unsafe = findJsonProblem(value);
  if (unsafe) return { ok: false, problem: { id, field: formatJsonPath(unsafe.path), message: unsafe.reason } };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = formatJsonPath(issue.path.filter((p): p is string | number => typeof p !== 'symbol'));
  return { ok: false, problem: { id, field, message: issue.message } };
}

export function describeProblem(problem: ObjectProblem): string {
  return `${problem.id}: ${problem.field}: ${problem.message}`;
}
