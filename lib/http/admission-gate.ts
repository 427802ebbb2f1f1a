// The process's one admission gate (decision 0035). Node's HTTP server announces each request on a diagnostics
// channel before Next sees it: the gate tags it with a header and keeps its response, so that when the proxy
// admits the request, the slot is given back exactly when that response closes (finished or abandoned) — the
// proxy itself never learns when a page is done. The state lives on globalThis: the proxy and the route
// handlers are separate bundles with their own copies of this module, in one process.
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger } from '@/lib/log.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { Admission, type AdmissionStatus } from './admission.ts';
import { DEFAULT_MAX_IN_FLIGHT, readMaxInFlight } from './admission-limit.ts';
import { overloadAnswer } from './overload-answer.ts';

export const ADMISSION_HEADER = 'x-tollgate-admission';

type Gate = { admission: Admission; waiting: Map<string, ServerResponse>; seq: number };
type Started = { request: IncomingMessage; response: ServerResponse };

const KEY = Symbol.for('tollgate.admission-gate');
const store = globalThis as unknown as { [KEY]?: Gate };

/** Never counted, never shed: liveness, Next's own files. */
export function isExempt(pathname: string): boolean {
  return pathname === '/api/health' || pathname.startsWith('/_next/') || pathname === '/favicon.ico';
}

function limit(): number {
  try {
    return readMaxInFlight();
  } catch (error) {
    // `npm start` refuses a bad value before Next starts; a server started some other way says so once.
    if (!(error instanceof ConfigError)) throw error;
    logger.error({ setting: error.setting }, `${error.message}; using ${DEFAULT_MAX_IN_FLIGHT}`);
    return DEFAULT_MAX_IN_FLIGHT;
  }
}

function gate(): Gate {
  const existing = store[KEY];
  if (existing) return existing;
  const created: Gate = {
    admission: new Admission(limit(), {
      report: (r) =>
        logger.warn(r, `overloaded: ${r.shed} request(s) answered 503 (${r.inFlight}/${r.limit} in flight)`),
    }),
    waiting: new Map(),
    seq: 0,
  };
  store[KEY] = created;
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as Started;
    // A client's own value of the header is never believed.
    delete request.headers[ADMISSION_HEADER];
    const pathname = (request.url ?? '/').split('?', 1)[0]!;
    if (isExempt(pathname)) return;
    const tag = String(++created.seq);
    request.headers[ADMISSION_HEADER] = tag;
    created.waiting.set(tag, response);
    response.once('close', () => created.waiting.delete(tag));
  });
  return created;
}

/**
 * Called by the proxy with the request's headers before anything renders: false means answer 503 now. A request
 * the gate did not see arrive (the gate was made after it came, or its path is exempt) is let in uncounted.
 */
export function admitRequest(headers: { get(name: string): string | null }): boolean {
  const { admission, waiting } = gate();
  const tag = headers.get(ADMISSION_HEADER);
  const response = tag ? waiting.get(tag) : undefined;
  if (!response) return true;
  waiting.delete(tag!);
  // Next's router marks its prefetches (next/dist/client/components/app-router-headers.js).
  const release = admission.tryAdmit(headers.get('next-router-prefetch') !== null);
  if (!release) return false;
  response.once('close', release);
  return true;
}

/** For the upload routes, which run outside the proxy (decision 0019): the 503 to answer, or null when let in. */
export function refuseWhenOverloaded(request: Request, requestId: string): Response | null {
  if (admitRequest(request.headers)) return null;
  return overloadAnswer(new URL(request.url).pathname, retryAfterSeconds(), requestId);
}

export function retryAfterSeconds(): number {
  return gate().admission.retryAfterSeconds();
}

export function admissionStatus(): AdmissionStatus {
  return gate().admission.status();
}

/** Makes the gate now, so that it sees the next request arrive (the server's start, the proxy's first call). */
export function installAdmissionGate(): void {
  gate();
}
