// "Test connection" (docs/decisions/0026 "Two keys, kept apart"): one harmless request per key, and what its answer
// means for people. The read key lists one GPT; the act key asks to unpublish an agent id that cannot exist, so a
// key that may act gets 404 (the platform looked for the target) and nothing can change. A key pasted in the other
// field is caught here and named by field. The key goes to the base URL's own origin only: no redirect is followed.
// Never throws, and nothing returned holds the key.
import { checkBaseUrl } from '@/lib/logs/puller/client.ts';
import { routePath } from '@/lib/gpts/platform/definition.ts';

export type KeyKind = 'read' | 'act';
export type KeyTestSettings = { baseUrl: string; principal: string; key: string };
export type KeyTestResult = { ok: boolean; status: number | null; detail: string };
export type KeyTestOptions = { fetch?: typeof fetch; timeoutMs?: number };

/** An agent id no workspace has: the act test's target. */
export const TEST_AGENT_ID = 'tollgate-connection-test';
export const KEY_TEST_TIMEOUT_MS = 10_000;
/** Printable ASCII without spaces: what a header value may carry unchanged. */
const HEADER_SAFE = /^[\x21-\x7e]{1,4096}$/;

/** The origin (`scheme://host:port`) keys are bound to; null for a base URL that is not one. */
export function keyOriginOf(baseUrl: string): string | null {
  return URL.canParse(baseUrl) ? new URL(baseUrl).origin : null;
}

export async function testKey(
  settings: KeyTestSettings,
  which: KeyKind,
  options: KeyTestOptions = {},
): Promise<KeyTestResult> {
  const fail = (detail: string): KeyTestResult => ({ ok: false, status: null, detail });
  const redact = (text: string) => (settings.key ? text.split(settings.key).join(`[${which} key]`) : text);
  if (!HEADER_SAFE.test(settings.key)) return fail(`the ${which} key is empty or holds spaces or other characters`);
  let url: URL;
  try {
    const base = checkBaseUrl(settings.baseUrl).href.replace(/\/+$/, '');
    url =
      which === 'read'
        ? new URL(`${base}${routePath('listGpts', settings.principal)}?limit=1`)
        : new URL(`${base}${routePath('unpublishAgent', settings.principal, { agent_id: TEST_AGENT_ID })}`);
  } catch (error) {
    return fail(redact((error as Error).message));
  }
  const timeoutMs = options.timeoutMs ?? KEY_TEST_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: which === 'read' ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${settings.key}`, accept: 'application/json' },
      redirect: 'manual',
      signal: controller.signal,
    });
    await response.body?.cancel().catch(() => {});
    return { ok: passed(which, response.status), status: response.status, detail: explain(which, response, url) };
  } catch (error) {
    if (controller.signal.aborted) return fail(`no answer from ${url.host} within ${timeoutMs / 1000} s`);
    return fail(redact(`no answer from ${url.host}: ${causeOf(error)}`));
  } finally {
    clearTimeout(timer);
  }
}

function passed(which: KeyKind, status: number): boolean {
  if (which === 'read') return status >= 200 && status < 300;
  // 404: the platform looked for the test agent, so the key may act; a 2xx would mean it even found one.
  return status === 404 || (status >= 200 && status < 300);
}

function explain(which: KeyKind, response: Response, url: URL): string {
  const { status } = response;
  if (which === 'read' && status >= 200 && status < 300)
    return `the read key reads: the platform listed GPTs (${status})`;
  if (which === 'act' && status === 404)
    return 'the act key is accepted: the platform looked for the test agent and found none';
  if (which === 'act' && status >= 200 && status < 300)
    return `the act key may act: the platform answered ${status} for the test agent ${TEST_AGENT_ID}`;
  if (status === 401) return `the ${which} key was refused (401): check the key`;
  if (status === 403)
    return which === 'read'
      ? 'the read key cannot read (403): is this the act key, or a key without the read scope?'
      : 'the act key lacks the delete/act scope (403): is this the read key?';
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    const where = location && URL.canParse(location, url) ? ` to ${new URL(location, url).host}` : '';
    return (
      `the platform answered ${status} with a redirect${where}: ` +
      "not followed (the key goes to the base URL's origin only)"
    );
  }
  if (status === 404)
    return "the platform answered 404 for the GPT list: check the base URL and the workspace's principal";
  if (status === 429) return 'the platform is rate limiting (429): try again in a minute';
  if (status >= 500) return `the platform answered ${status}: try again later`;
  return `the platform answered ${status}`;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message.slice(0, 200);
  return (error as Error).message?.slice(0, 200) || 'the request failed';
}
