import type { Agent, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { NetworkProvider } from '../providers/network-provider.js';
import { httpAgent } from './http-agent.js';
import { nodeHttp } from './node-http.js';
import { checkNetwork } from './provider-checks.js';

/** The signature of the global fetch, for code that takes a fetch implementation. */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface SimFetchOptions {
  /** The agent its requests go through (default: one httpAgent(network) of its own, keep-alive). */
  agent?: Agent;
}

/** Redirects followed before giving up, as fetch's. */
const REDIRECTS_MAX = 20;
/** Statuses whose response has no body (fetch's null body statuses). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Request headers describing the body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];

interface Attempt {
  url: URL;
  method: string;
  headers: Headers;
  body: Buffer | undefined;
}

/** fetch's network error: a TypeError whose `cause` is the socket's (ECONNREFUSED, ECONNRESET...). */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

/**
 * A `fetch` over node:http and `network` (simulated in a seed, real sockets on
 * NodeNetworkProvider), for code that takes a fetch implementation: `fetch(url, init)` →
 * `Response`. The request is read by the platform's `Request` (methods, headers, every body
 * type), sent with `http.request` through a keep-alive httpAgent, and the response resolves once
 * its headers arrive, its body streamed. Redirects are followed (up to 20), refused (`redirect:
 * 'error'`) or returned (`'manual'`); `signal` aborts with its reason. A network failure rejects
 * with `TypeError('fetch failed')` whose `cause` carries node:net's code, as Node's fetch does. Only
 * `http:` URLs; bodies are not decompressed (no `accept-encoding` is sent).
 */
export function simFetch(network: NetworkProvider, options: SimFetchOptions = {}): FetchFunction {
  checkNetwork('simFetch(network)', network);
  const agent = options.agent ?? httpAgent(network);
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.protocol !== 'http:') {
      throw new TypeError(`simFetch: ${url.href} is not an http: URL; simFetch speaks plain HTTP/1.1 over a NetworkProvider (no TLS).`);
    }
    const signal = request.signal;
    signal.throwIfAborted();
    const headers = new Headers(request.headers);
    if (!headers.has('accept')) headers.set('accept', '*/*');
    let attempt: Attempt = { url, method: request.method, headers, body: request.body === null ? undefined : Buffer.from(await request.arrayBuffer()) };
    for (let redirects = 0; ; redirects++) {
      const response = await exchange(agent, attempt, signal);
      const status = response.statusCode as number;
      const location = response.headers.location;
      if (!REDIRECT_STATUSES.has(status) || location === undefined || request.redirect === 'manual') {
        return toResponse(response, attempt, signal, redirects > 0);
      }
      response.resume();
      if (request.redirect === 'error') throw fetchFailed(new Error(`unexpected redirect to ${location} (redirect: 'error')`));
      if (redirects === REDIRECTS_MAX) throw fetchFailed(new Error(`redirect count exceeded (${REDIRECTS_MAX})`));
      attempt = redirected(attempt, status, location);
    }
  };
}

/** The request after a redirect, as fetch rewrites it. */
function redirected(attempt: Attempt, status: number, location: string): Attempt {
  let url: URL;
  try {
    url = new URL(location, attempt.url);
  } catch (error) {
    throw fetchFailed(error);
  }
  if (url.protocol !== 'http:') throw fetchFailed(new Error(`redirect to ${url.href}, which is not an http: URL`));
  const headers = new Headers(attempt.headers);
  if (url.origin !== attempt.url.origin) headers.delete('authorization');
  const toGet = (status === 303 && attempt.method !== 'GET' && attempt.method !== 'HEAD') || ((status === 301 || status === 302) && attempt.method === 'POST');
  if (!toGet) return { ...attempt, url, headers };
  for (const name of BODY_HEADERS) headers.delete(name);
  return { url, method: 'GET', headers, body: undefined };
}

/** One request and its response's head. */
function exchange(agent: Agent, attempt: Attempt, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const headers: OutgoingHttpHeaders = {};
    attempt.headers.forEach((value, name) => (headers[name] = value));
    if (attempt.body !== undefined) headers['content-length'] = String(attempt.body.length);
    const request = nodeHttp().request(attempt.url, { method: attempt.method, headers, agent }, (response) => {
      signal.removeEventListener('abort', abort);
      resolve(response);
    });
    const abort = () => request.destroy(signal.reason as Error);
    signal.addEventListener('abort', abort, { once: true });
    request.on('error', (error) => {
      signal.removeEventListener('abort', abort);
      reject(signal.aborted ? signal.reason : fetchFailed(error));
    });
    request.end(attempt.body);
  });
}

/** The Response for a response head, its body streamed from node:http. */
function toResponse(message: IncomingMessage, attempt: Attempt, signal: AbortSignal, wasRedirected: boolean): Response {
  const headers = new Headers();
  for (let i = 0; i < message.rawHeaders.length; i += 2) headers.append(message.rawHeaders[i], message.rawHeaders[i + 1]);
  const status = message.statusCode as number;
  const bodyless = NULL_BODY_STATUSES.has(status) || attempt.method === 'HEAD';
  if (bodyless) message.resume();
  const response = new Response(bodyless ? null : bodyStream(message, signal), { status, statusText: message.statusMessage ?? '', headers });
  Object.defineProperty(response, 'url', { value: attempt.url.href });
  Object.defineProperty(response, 'redirected', { value: wasRedirected });
  return response;
}

/** The body as a web stream with backpressure: node:http's stream pauses while it is full. A
 * body cut short errors it with fetch's TypeError('terminated'), an abort with the reason. */
function bodyStream(message: IncomingMessage, signal: AbortSignal): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const finish = (error?: unknown) => {
        if (!open) return;
        open = false;
        signal.removeEventListener('abort', abort);
        if (error === undefined) controller.close();
        else controller.error(error);
      };
      const abort = () => {
        finish(signal.reason);
        message.destroy();
      };
      signal.addEventListener('abort', abort, { once: true });
      message.on('data', (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) message.pause();
      });
      message.once('end', () => finish());
      message.once('error', (error) => finish(new TypeError('terminated', { cause: error })));
    },
    pull() {
      message.resume();
    },
    cancel() {
      message.destroy();
    },
  });
}
