// Finds the operation for a method and a path under /api/v1: `{name}` segments match one URL segment each.
import type { Operation } from './operation.ts';

type Compiled = { op: Operation; pattern: RegExp; names: string[] };
export type Match =
  | { kind: 'operation'; op: Operation; params: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

export function compile(operations: readonly Operation[]): Compiled[] {
  return operations.map((op) => {
    const names: string[] = [];
    const source = op.path
      .split('/')
      .map((segment) => {
        const name = /^\{([a-z_]+)\}$/.exec(segment)?.[1];
        if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      })
      .join('/');
    return { op, pattern: new RegExp(`^${source}$`), names };
  });
}

export function match(compiled: readonly Compiled[], method: string, path: string): Match {
  const allowed: string[] = [];
  for (const { op, pattern, names } of compiled) {
    const found = pattern.exec(path);
    if (!found) continue;
    if (op.method !== method) {
      allowed.push(op.method);
      continue;
    }
    const params: Record<string, string> = {};
    try {
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1]!);
      });
    } catch {
      return { kind: 'none' };
    }
    return { kind: 'operation', op, params };
  }
  return allowed.length ? { kind: 'method', allowed } : { kind: 'none' };
}
