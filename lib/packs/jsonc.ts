// The guide's code packs are JSON with comments (JSONC). Parsed with Microsoft's jsonc-parser (the one VS Code
// uses): comments and trailing commas are allowed; a syntax error names its line and column; a shape error
// (zod) names its JSON path, and its line and column when the path exists in the file.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { findJsonProblem, MAX_JSON_DEPTH, tooDeepAt } from '@/lib/http/safe-json.ts';

export type PackIssue = { message: string; line: number | null; column: number | null; path: string | null };

export class PackError extends Error {
  constructor(readonly issues: PackIssue[]) {
    super(issues.map(formatIssue).join('; '));
    this.name = 'PackError';
  }
}

export function formatIssue(issue: PackIssue): string {
  const where = issue.line !== null ? `line ${issue.line}, column ${issue.column}` : null;
  const at = [where, issue.path].filter(Boolean).join(', ');
  return at ? `${at}: ${issue.message}` : issue.message;
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing } is expected',
  CloseBracketExpected: 'a closing ] is expected',
  EndOfFileExpected: 'nothing may follow the top-level value',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/** 1-based line and column of a character offset (a column counts UTF-16 units, as editors do). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

export type ParsedJsonc = { value: unknown; root: Node };

/**
 * Parses JSONC; every syntax error (up to 20) is reported with its line and column. Then the shared JSON guard:
 * no __proto__/constructor/prototype key, no NUL or lone surrogate, at most MAX_JSON_DEPTH levels (checked on
 * the text first, since parseTree recurses).
 */
export function parseJsonc(text: string): ParsedJsonc {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const deep = tooDeepAt(source);
  if (deep !== -1)
    throw new PackError([
      { message: `nested deeper than ${MAX_JSON_DEPTH} levels`, ...lineColumn(source, deep), path: null },
    ]);
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: false,
  });
  if (errors.length > 0 || !root) {
    const issues = errors.slice(0, 20).map((e) => ({
      message: SYNTAX_MESSAGES[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error),
      ...lineColumn(source, e.offset),
      path: null,
    }));
    throw new PackError(
      issues.length ? issues : [{ message: 'the file holds no JSON value', line: 1, column: 1, path: null }],
    );
  }
  const value = nodeValue(root);
  const problem = findJsonProblem(value);
  if (problem) {
    const node = findNodeAtLocation(root, problem.path);
    const at = node?.parent?.type === 'property' ? node.parent : node;
    throw new PackError([
      {
        message: problem.reason,
        path: formatPath(problem.path),
        ...(at ? lineColumn(source, at.offset) : { line: null, column: null }),
      },
    ]);
  }
  return { value, root };
}

// getNodeValue would build objects with a __proto__ key as a prototype; build them without one.
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = Object.create(null);
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key && value) out[key.value as string] = nodeValue(value);
      }
      return { ...out };
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** `roles[0].features.agents_use` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** Parses a pack and checks its shape; every issue names its JSON path (and its line when found in the file). */
export function parsePack<T>(text: string, schema: z.ZodType<T>): T {
  const { value, root } = parseJsonc(text);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  throw new PackError(
    result.error.issues.slice(0, 20).map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const node = findNodeAtLocation(root, path) ?? nearestNode(root, path);
      return {
        message: issue.message,
        path: formatPath(path),
        ...(node ? lineColumn(source, node.offset) : { line: null, column: null }),
      };
    }),
  );
}

function nearestNode(root: Node, path: (string | number)[]): Node | undefined {
  for (let n = path.length - 1; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) return node;
  }
  return undefined;
}
