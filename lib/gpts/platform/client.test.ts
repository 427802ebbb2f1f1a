// The client against a platform that misbehaves in ways the simulator does not: cursors that never end, pages
// that are not pages, answers that are not JSON. Each ends the read with an error that says what went wrong.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listGptPages } from './client.ts';

let server: http.Server | null = null;
afterEach(() => {
  server?.close();
  server = null;
});

/** A platform answering each list request from `answer(after)`. */
async function platform(answer: (after: string | null) => { status?: number; body: string }) {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const { status = 200, body } = answer(url.searchParams.get('after'));
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, principal: 'ws-1', apiKey: 'k' };
}
const retry = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} };
async function readAll(settings: Awaited<ReturnType<typeof platform>>) {
  for await (const _ of listGptPages(settings, { retry })) {
    // pages are read until the end or an error
  }
}
const page = (lastId: string | null, hasMore = true) => ({
  body: JSON.stringify({ data: [], has_more: hasMore, last_id: lastId }),
});

describe('GPT client reading ahead', () => {
  it('asks for the next page while the caller is still working on the one it has', async () => {
    const asked: (string | null)[] = [];
    const settings = await platform((after) => {
      asked.push(after);
      return after === null ? page('a') : page(null, false);
    });
    const pages = listGptPages(settings, { retry });
    await pages.next();
    for (let i = 0; i < 200 && asked.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(asked).toEqual([null, 'a']);
    await pages.return(undefined);
  });

  it('hands over the page it has before the failure of the page read ahead', async () => {
    const settings = await platform((after) => (after === null ? page('a') : { status: 500, body: '{}' }));
    const pages = listGptPages(settings, { retry });
    // Given time to fail before it is asked for: still no unhandled rejection, and the first page arrives whole.
    const first = await pages.next();
    await new Promise((r) => setTimeout(r, 100));
    expect(first.value).toMatchObject({ hasMore: true, lastId: 'a' });
    await expect(pages.next()).rejects.toThrow();
  });
});

describe('GPT client against a misbehaving platform', () => {
  it('stops when the cursors come round again', async () => {
    const next: Record<string, string> = { '': 'a', a: 'b', b: 'a' };
    const settings = await platform((after) => page(next[after ?? '']!));
    await expect(readAll(settings)).rejects.toThrow(/listGpts pages come back to the cursor a/);
  });

  it('stops when a page has more but no new cursor', async () => {
    const settings = await platform((after) => page(after ?? 'a'));
    await expect(readAll(settings)).rejects.toThrow(/has more but gives no new cursor/);
    const none = await platform(() => page(null));
    await expect(readAll(none)).rejects.toThrow(/has more but gives no new cursor/);
  });

  it('names what is wrong with an answer that is not a list page, or not JSON', async () => {
    const noData = await platform(() => ({ body: JSON.stringify({ items: [], has_more: false }) }));
    await expect(readAll(noData)).rejects.toThrow(/listGpts answer is not a list page: data:/);
    const html = await platform(() => ({ body: '<html>gateway</html>' }));
    await expect(readAll(html)).rejects.toThrow(/is not JSON/);
    const proto = await platform(() => ({ body: '{"data":[],"has_more":false,"__proto__":{"x":1}}' }));
    await expect(readAll(proto)).rejects.toThrow(/refused: The key "__proto__" is not allowed/);
  });

  it('ends the last page without a cursor', async () => {
    const settings = await platform(() => page(null, false));
    await expect(readAll(settings)).resolves.toBeUndefined();
  });
});
