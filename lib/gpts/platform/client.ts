// The Compliance API's GPT routes as Tollgate reads them (routes and shapes: definition.ts). Same base URL, key
// and principal as the log puller, and the same door: checkBaseUrl, the bearer key, 429/5xx back-off with
// Retry-After (withRetry). Every body is size-capped before it is parsed; every object is checked on its own
// (parse.ts), so a malformed GPT is reported with its id and field while the others arrive.
import {
  type ApiSettings,
  ApiError,
  checkBaseUrl,
  DEFAULT_RETRY,
  type RetryPolicy,
  withRetry,
} from '@/lib/logs/puller/client.ts';
import type { ZodType } from 'zod';
import { findJsonProblem, formatJsonPath } from '@/lib/http/safe-json.ts';
import {
  MAX_BODY_BYTES,
  MAX_PAGE_LIMIT,
  type RawConfig,
  type RawGpt,
  type RawSharedUser,
  type RouteName,
  rawConfig,
  rawGpt,
  rawListPage,
  rawSharedUser,
  routePath,
} from './definition.ts';
import { type Checked, checkRaw, type ObjectProblem } from './parse.ts';

export type ReadOptions = {
  retry?: RetryPolicy;
  limit?: number;
  maxBodyBytes?: number;
  /** Versions or shared users of one GPT beyond which its list is refused (a cursor that never ends). */
  maxItemsPerGpt?: number;
};
/** `unchanged`: whether the caller already holds this list item exactly as it is (by its stored hash); such an
 *  item is not checked again, only its id returned in `unchanged` — most of a later read's GPTs are. */
export type ListOptions = ReadOptions & { unchanged?: (item: unknown) => boolean };
export const MAX_ITEMS_PER_GPT = 100_000;
export type Page<T> = {
  items: T[];
  problems: ObjectProblem[];
  /** Ids of the items the caller said it holds unchanged (ListOptions.unchanged): not checked, not in `items`. */
  unchanged: string[];
  hasMore: boolean;
  lastId: string | null;
};
export type Listed<T> = { items: T[]; problems: ObjectProblem[] };

/** GET a route as JSON: bearer key to the API's origin only (no redirects), body capped, then JSON.parse. */
async function getJson(
  settings: ApiSettings,
  path: string,
  query: Record<string, string>,
  options: ReadOptions,
): Promise<unknown> {
  const base = checkBaseUrl(settings.baseUrl).href.replace(/\/+$/, '');
  const url = new URL(`${base}${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const response = await withRetry(
    () =>
      fetch(url, {
        headers: { authorization: `Bearer ${settings.apiKey}`, accept: 'application/json' },
        redirect: 'error',
      }),
    options.retry ?? DEFAULT_RETRY,
  );
  const text = await readCapped(response, options.maxBodyBytes ?? MAX_BODY_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(response.status, `the response to ${url.pathname} is not JSON`);
  }
}

async function readCapped(response: Response, max: number): Promise<string> {
  const tooLarge = () => new ApiError(response.status, `the response is larger than ${max} bytes`);
  if (Number(response.headers.get('content-length')) > max) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One page of a list route; items are checked one by one against `schema`. */
async function readPage<T>(
  settings: ApiSettings,
  route: RouteName,
  params: Record<string, string>,
  schema: ZodType<T>,
  after: string | null,
  options: ListOptions,
): Promise<Page<T>> {
  const limit = Math.min(MAX_PAGE_LIMIT, Math.max(1, options.limit ?? MAX_PAGE_LIMIT));
  const query: Record<string, string> = { limit: String(limit), ...(after ? { after } : {}) };
  const body = await getJson(settings, routePath(route, settings.principal, params), query, options);
  const envelope = rawListPage.safeParse(body);
  if (!envelope.success) {
    const issue = envelope.error.issues[0]!;
    const field = formatJsonPath(issue.path.filter((p): p is string | number => typeof p !== 'symbol'));
    throw new ApiError(200, `the ${route} answer is not a list page: ${field}: ${issue.message}`);
  }
  // On the body as parsed, not zod's copy: copying assigns keys, and an assigned "__proto__" becomes no key at all.
  const unsafe = findJsonProblem({ ...(body as object), data: [] });
  if (unsafe) throw new ApiError(200, `the ${route} answer is refused: ${unsafe.message}`);
  const page: Page<T> = { items: [], problems: [], unchanged: [], hasMore: envelope.data.has_more, lastId: null };
  envelope.data.data.forEach((item, i) => {
    // Hashed as it came: the same canonical JSON as an object checked and stored before is that object again.
    if (options.unchanged?.(item)) {
      page.unchanged.push((item as { id: string }).id);
      return;
    }
    const checked = checkRaw(schema, item, `${route} item ${i} after ${after ?? '(start)'}`);
    if (checked.ok) page.items.push(checked.value);
    else page.problems.push(checked.problem);
  });
  // The cursor is `last_id`; without it, the id of the page's last object (as the logs list does).
  const last = envelope.data.data.at(-1) as { id?: unknown } | undefined;
  page.lastId = envelope.data.last_id ?? (typeof last?.id === 'string' ? last.id : null);
  if (page.hasMore && (page.lastId === null || page.lastId === after))
    throw new ApiError(200, `the ${route} page says it has more but gives no new cursor`);
  return page;
}

async function* pages<T>(
  settings: ApiSettings,
  route: RouteName,
  params: Record<string, string>,
  schema: ZodType<T>,
  options: ListOptions,
): AsyncGenerator<Page<T>> {
  // A cursor seen before would read the same pages again, for ever.
  const cursors = new Set<string>();
  let next: Promise<Page<T>> | null = readPage(settings, route, params, schema, null, options);
  while (next) {
    const page: Page<T> = await next;
    next = null;
    let loop: ApiError | null = null;
    if (page.hasMore && page.lastId !== null) {
      if (cursors.has(page.lastId))
        loop = new ApiError(200, `the ${route} pages come back to the cursor ${page.lastId}`);
      else {
        cursors.add(page.lastId);
        // The next page is asked for while the caller works on this one (the platform answers as we compute). Its
        // failure is met when the caller asks for it, after this page, never as an unhandled rejection meanwhile.
        next = readPage(settings, route, params, schema, page.lastId, options);
        next.catch(() => {});
      }
    }
    yield page;
    if (loop) throw loop;
  }
}

/** The workspace's GPTs, a page at a time. */
export function listGptPages(settings: ApiSettings, options: ListOptions = {}): AsyncGenerator<Page<RawGpt>> {
  return pages(settings, 'listGpts', {}, rawGpt, options);
}

export async function getGpt(
  settings: ApiSettings,
  gptId: string,
  options: ReadOptions = {},
): Promise<Checked<RawGpt>> {
  const body = await getJson(settings, routePath('getGpt', settings.principal, { gpt_id: gptId }), {}, options);
  return checkRaw(rawGpt, body, gptId);
}

async function listAll<T>(
  settings: ApiSettings,
  route: RouteName,
  gptId: string,
  schema: ZodType<T>,
  options: ReadOptions,
): Promise<Listed<T>> {
  const out: Listed<T> = { items: [], problems: [] };
  const max = options.maxItemsPerGpt ?? MAX_ITEMS_PER_GPT;
  let seen = 0;
  for await (const page of pages(settings, route, { gpt_id: gptId }, schema, options)) {
    seen += page.items.length + page.problems.length;
    if (seen > max) throw new ApiError(200, `${route} of ${gptId} lists more than ${max} objects`);
    out.items.push(...page.items);
    // A version or a recipient is named under its GPT: "g-7fQ2/gcfg-91".
    out.problems.push(...page.problems.map((p) => ({ ...p, id: `${gptId}/${p.id}` })));
  }
  return out;
}

/** Every configuration version of a GPT (all pages). */
export function listConfigs(settings: ApiSettings, gptId: string, options: ReadOptions = {}) {
  return listAll<RawConfig>(settings, 'listConfigs', gptId, rawConfig, options);
}

/** Everyone a GPT is shared with (all pages). */
export function listSharedUsers(settings: ApiSettings, gptId: string, options: ReadOptions = {}) {
  return listAll<RawSharedUser>(settings, 'listSharedUsers', gptId, rawSharedUser, options);
}
