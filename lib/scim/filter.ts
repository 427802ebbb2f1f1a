// SCIM list filters (RFC 7644 §3.4.2.2), parsed by scim2-parse-filter. Tollgate answers the equality
// filters IdPs actually send (Okta and Entra ID: `userName eq "…"`, `externalId eq "…"`,
// `displayName eq "…"`), alone or joined by `and`; anything else is a 400 invalidFilter naming what.
import { parse, type Filter } from 'scim2-parse-filter';
import { textProblem } from '@/lib/http/safe-json.ts';
import { invalidFilter } from './errors.ts';

export type Condition = { attribute: string; value: string };

/** Attribute paths each resource can be filtered on, lower-cased → canonical. */
export const FILTERABLE = {
  User: {
    username: 'userName',
    externalid: 'externalId',
    id: 'id',
    'emails.value': 'emails.value',
    emails: 'emails.value',
  },
  Group: { displayname: 'displayName', externalid: 'externalId', id: 'id' },
} as const;

export function parseFilter(resource: keyof typeof FILTERABLE, text: string | null): Condition[] {
  if (text === null || text.trim() === '') return [];
  if (text.length > 1000) throw invalidFilter('The filter is longer than 1000 characters.');
  const problem = textProblem(text);
  if (problem) throw invalidFilter(`The filter contains ${problem}.`);
  let ast: Filter;
  try {
    ast = parse(text);
  } catch (error) {
    throw invalidFilter(
      `The filter ${JSON.stringify(text)} is not valid SCIM filter syntax (${(error as Error).message}).`,
    );
  }
  const out: Condition[] = [];
  const walk = (node: Filter) => {
    if (node.op === 'and') return node.filters.forEach(walk);
    if (node.op === '[]' && node.attrPath.toLowerCase() === 'emails' && node.valFilter.op === 'eq') {
      return walk({ ...node.valFilter, attrPath: `emails.${node.valFilter.attrPath}` });
    }
    if (node.op !== 'eq') throw invalidFilter(`Only "eq" filters (joined by "and") are supported; got "${node.op}".`);
    const known = FILTERABLE[resource] as Record<string, string>;
    const path = node.attrPath.toLowerCase();
    // Own keys only: "constructor" or "__proto__" must not find Object.prototype's members.
    const attribute = Object.hasOwn(known, path) ? known[path] : undefined;
    if (!attribute)
      throw invalidFilter(
        `Cannot filter ${resource}s on "${node.attrPath}" (supported: ` +
          `${[...new Set(Object.values(known))].join(', ')}).`,
      );
    if (typeof node.compValue !== 'string')
      throw invalidFilter(`The value compared to "${node.attrPath}" must be a string.`);
    out.push({ attribute, value: node.compValue });
  };
  walk(ast);
  return out;
}

/** startIndex is 1-based; a count of 0 asks only for totalResults. */
export function parsePagination(params: URLSearchParams, maxCount: number): { startIndex: number; count: number } {
  const int = (name: string, fallback: number) => {
    const raw = params.get(name);
    if (raw === null || raw === '') return fallback;
    if (!/^-?\d+$/.test(raw)) throw invalidFilter(`"${name}" must be an integer, got ${JSON.stringify(raw)}.`);
    return Number(raw);
  };
  return {
    startIndex: Math.max(1, int('startIndex', 1)),
    count: Math.min(maxCount, Math.max(0, int('count', maxCount))),
  };
}
