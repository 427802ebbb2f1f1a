// POST /Users/.search and /Groups/.search (RFC 7644 §3.4.3): a SearchRequest body carries the query a GET
// would put in its URL (filter, startIndex, count, attributes, excludedAttributes), so it is turned into those
// parameters and answered by the same list code. Sorting stays unsupported, as on GET.
import { invalidValue } from './errors.ts';

export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function searchParams(body: unknown): URLSearchParams {
  if (!isObject(body)) throw invalidValue('A search request must be a JSON object.');
  const { schemas, filter, startIndex, count, attributes, excludedAttributes, sortBy } = body;
  if (!Array.isArray(schemas) || !schemas.includes(SEARCH_REQUEST))
    throw invalidValue(`"schemas" must list ${SEARCH_REQUEST}.`);
  if (sortBy !== undefined) throw invalidValue('Sorting is not supported (sort.supported is false).');
  const params = new URLSearchParams();
  if (filter !== undefined) {
    if (typeof filter !== 'string') throw invalidValue('"filter" must be a string.');
    params.set('filter', filter);
  }
  for (const [name, value] of [
    ['startIndex', startIndex],
    ['count', count],
  ] as const) {
    if (value === undefined) continue;
    if (!Number.isInteger(value)) throw invalidValue(`"${name}" must be an integer.`);
    params.set(name, String(value));
  }
  for (const [name, value] of [
    ['attributes', attributes],
    ['excludedAttributes', excludedAttributes],
  ] as const) {
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
      throw invalidValue(`"${name}" must be an array of attribute names.`);
    params.set(name, value.join(','));
  }
  return params;
}
