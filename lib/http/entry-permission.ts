// Every function withRoute and formAction return is remembered with its permission, so test/authz.test.ts can
// prove that what a route or action file exports is the wrapper's output, not merely that the source mentions it.
import type { Permission } from '@/lib/auth/permissions.ts';

const permissions = new WeakMap<object, Permission>();

export function markEntry<F extends object>(fn: F, permission: Permission): F {
  permissions.set(fn, permission);
  return fn;
}

/** The permission an exported entry point checks, or undefined when it did not come from a wrapper. */
export function entryPermission(fn: unknown): Permission | undefined {
  return typeof fn === 'function' ? permissions.get(fn) : undefined;
}
