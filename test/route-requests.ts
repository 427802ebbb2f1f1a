// Calling route handlers the way the browser does, for the route integration tests: a same-origin multipart
// POST, and the form it sends.
export const ORIGIN = 'http://localhost:3000';

export function formData(fields: Record<string, string | File>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

/** POSTs `body` to `handler` at `path` from this origin; the status and the JSON answer. */
export async function postForm(handler: (request: Request) => Promise<Response>, path: string, body: FormData) {
  const res = await handler(
    new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { origin: ORIGIN, host: 'localhost:3000' }, body }),
  );
  return { status: res.status, body: (await res.json()) as { id?: string; error?: { code: string; message: string } } };
}
