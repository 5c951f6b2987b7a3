import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { CHECKSUM_HEADER, checksum, type ServerRecord } from './messages.js';

/** A larger body is refused with 413. */
const BODY_BYTES_MAX = 16 * 1024;

function respond(response: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  response.writeHead(status, { 'content-type': 'application/json', [CHECKSUM_HEADER]: checksum(`${status}\n${body}`) });
  response.end(body);
}

/**
 * The service, as a plain node:http request listener (what `http.createServer(listener)` takes):
 * `GET /kv/:key` answers `{ value, version }` (404 with version 0 for a key never written), and
 * `PUT /kv/:key` with `{ value }` stores it under the next version and answers `{ version }`.
 * A request whose checksum does not match is refused with 400 before it changes anything.
 * `changed` is called after every change of `record`.
 */
export function kvHandler(record: ServerRecord, changed: () => void): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= BODY_BYTES_MAX) chunks.push(chunk);
    });
    // A request cut short by its connection has no one left to answer.
    request.on('error', () => undefined);
    request.on('end', () => {
      if (bytes > BODY_BYTES_MAX) return respond(response, 413, { error: `body over ${BODY_BYTES_MAX} bytes` });
      serve(record, changed, request, response, Buffer.concat(chunks).toString());
    });
  };
}

function serve(record: ServerRecord, changed: () => void, request: IncomingMessage, response: ServerResponse, body: string): void {
  const path = request.url ?? '';
  if (request.headers[CHECKSUM_HEADER] !== checksum(`${request.method} ${path}\n${body}`)) {
    return respond(response, 400, { error: 'checksum mismatch' });
  }
  record.served++;
  changed();
  const key = /^\/kv\/([a-z]+)$/.exec(path)?.[1];
  if (key === undefined) return respond(response, 404, { error: `no route ${path}` });
  if (request.method === 'GET') {
    const entry = record.entries[key];
    return entry === undefined ? respond(response, 404, { value: null, version: 0 }) : respond(response, 200, entry);
  }
  if (request.method !== 'PUT') {
    response.setHeader('allow', 'GET, PUT');
    return respond(response, 405, { error: `${request.method} is not allowed` });
  }
  let value: unknown;
  try {
    value = (JSON.parse(body) as { value?: unknown }).value;
  } catch {
    return respond(response, 400, { error: 'the body is not JSON' });
  }
  if (typeof value !== 'string') return respond(response, 400, { error: 'the body must be { "value": string }' });
  const version = (record.entries[key]?.version ?? 0) + 1;
  record.entries[key] = { value, version };
  changed();
  respond(response, 200, { version });
}
