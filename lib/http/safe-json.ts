// The one guard for JSON a user sends (SCIM bodies, code packs, catalogue files), run on the parsed value
// before anything merges, patches or stores it:
// - no key named __proto__, constructor or prototype (any case, any depth): merged into an object, such a
//   key reaches Object.prototype and takes every request of the process down (issue 15, item 1);
// - no NUL and no lone UTF-16 surrogate in a key or a string: PostgreSQL refuses both, as a 500;
// - at most MAX_JSON_DEPTH levels of nesting, so no recursive code downstream can run out of stack.
// Pure, and iterative: a hostile value cannot overflow the stack of the guard itself.

export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
export const MAX_JSON_DEPTH = 64;

export type JsonPath = (string | number)[];
/** `reason` says what without where (for callers that show the place themselves); `message` says both. */
export type JsonProblem = {
  kind: 'forbiddenKey' | 'badText' | 'tooDeep';
  path: JsonPath;
  reason: string;
  message: string;
};

const FORBIDDEN = new Set<string>(FORBIDDEN_KEYS);
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True for __proto__, constructor and prototype, in any case. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key.toLowerCase());
}

/** Why a string cannot be stored as text ("a NUL character", "a lone surrogate"), or null. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'a NUL character';
  if (LONE_SURROGATE.test(text)) return 'a lone UTF-16 surrogate';
  return null;
}

/** `Operations[0].value.name` */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(root)';
}

/** The first problem found in a parsed JSON value (depth first), or null when it is safe to use. */
export function findJsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
  const stack: { value: unknown; path: JsonPath }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem)
        return {
          kind: 'badText',
          path,
          reason: `the value contains ${problem}`,
          message: `The value at "${formatJsonPath(path)}" contains ${problem}.`,
        };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= maxDepth) {
      return {
        kind: 'tooDeep',
        path,
        reason: `nested deeper than ${maxDepth} levels`,
        message: `The JSON is nested deeper than ${maxDepth} levels (at "${formatJsonPath(path)}").`,
      };
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i] });
      continue;
    }
    // Own keys only: JSON.parse and the JSONC reader make "__proto__" an own property, never a prototype.
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const at = [...path, key];
      if (isForbiddenKey(key))
        return {
          kind: 'forbiddenKey',
          path: at,
          reason: `the key "${key}" is not allowed`,
          message: `The key "${key}" is not allowed (at "${formatJsonPath(at)}").`,
        };
      const problem = textProblem(key);
      if (problem)
        return {
          kind: 'badText',
          path: at,
          reason: `the key contains ${problem}`,
          message: `A key at "${formatJsonPath(path)}" contains ${problem}.`,
        };
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}

export class UnsafeJsonError extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.message);
    this.name = 'UnsafeJsonError';
  }
}

/** Throws UnsafeJsonError naming the first problem; returns the value unchanged otherwise. */
export function assertSafeJson<T>(value: T, maxDepth = MAX_JSON_DEPTH): T {
  const problem = findJsonProblem(value, maxDepth);
  if (problem) throw new UnsafeJsonError(problem);
  return value;
}

/** JSON.parse (its SyntaxError passes through), then the guard. */
export function parseSafeJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  return assertSafeJson(JSON.parse(text) as unknown, maxDepth);
}

/**
 * The character offset where JSON or JSONC text first nests deeper than `maxDepth` (strings and comments
 * skipped), or -1. Run before a recursive parser (jsonc-parser's parseTree is one) sees the text.
 */
export function tooDeepAt(text: string, maxDepth = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (c === '{' || c === '[') {
      if (++depth > maxDepth) return i;
    } else if (c === '}' || c === ']') {
      depth--;
    }
  }
  return -1;
}
