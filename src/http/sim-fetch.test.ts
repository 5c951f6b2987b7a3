import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { test } from 'node:test';
import { createHttpServer } from './http-server.js';
import { inSeed, SERVER, type Scene } from './http.test-support.js';
import { simFetch } from './sim-fetch.js';

/** Routes of the fetch tests' server. */
async function serve(scene: Scene): Promise<void> {
  await scene.inServer(() =>
    createHttpServer(scene.serverNetwork, SERVER, async (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of request) chunks.push(chunk as Buffer);
      } catch {
        return;
      }
      const body = Buffer.concat(chunks).toString();
      const url = new URL(request.url ?? '/', 'http://x');
      switch (url.pathname) {
        case '/echo':
          response.setHeader('content-type', 'application/json');
          return void response.end(JSON.stringify({ method: request.method, type: request.headers['content-type'] ?? null, auth: request.headers.authorization ?? null, body }));
        case '/see-other':
          response.writeHead(303, { location: '/echo' });
          return void response.end();
        case '/moved':
          response.writeHead(308, { location: '/echo' });
          return void response.end();
        case '/loop':
          response.writeHead(302, { location: '/loop' });
          return void response.end();
        case '/empty':
          response.writeHead(204);
          return void response.end();
        case '/slow':
          response.write('first part, ');
          await scene.time.sleep(1_000);
          return void response.end('second part');
        default:
          response.writeHead(404);
          response.end('no such route');
      }
    }),
  );
}

test('simFetch: methods, every body type, status, headers and JSON, as fetch', async () => {
  const { value } = await inSeed(41, 'default', async (scene) => {
    await serve(scene);
    return scene.inClient(async () => {
      const fetch = simFetch(scene.clientNetwork);
      const json = await fetch(`http://${SERVER}/echo`, { method: 'post', body: JSON.stringify({ a: 1 }), headers: { 'content-type': 'application/json', authorization: 'Bearer t' } });
      const form = await fetch(new Request(`http://${SERVER}/echo`, { method: 'PUT', body: new URLSearchParams({ b: '2' }) }));
      const bytes = await fetch(`http://${SERVER}/echo`, { method: 'PATCH', body: new Uint8Array([104, 105]) });
      const missing = await fetch(`http://${SERVER}/nowhere`);
      const empty = await fetch(`http://${SERVER}/empty`);
      const head = await fetch(`http://${SERVER}/echo`, { method: 'HEAD' });
      return {
        json: { status: json.status, type: json.headers.get('content-type'), body: await json.json(), url: json.url, redirected: json.redirected },
        form: await form.json(),
        bytes: await bytes.json(),
        missing: { status: missing.status, ok: missing.ok, text: await missing.text() },
        empty: { status: empty.status, body: empty.body },
        head: { status: head.status, body: head.body, length: head.headers.get('content-length') },
      };
    });
  });
  assert.deepEqual(value.json, {
    status: 200,
    type: 'application/json',
    body: { method: 'POST', type: 'application/json', auth: 'Bearer t', body: '{"a":1}' },
    url: `http://${SERVER}/echo`,
    redirected: false,
  });
  assert.deepEqual(value.form, { method: 'PUT', type: 'application/x-www-form-urlencoded;charset=UTF-8', auth: null, body: 'b=2' });
  assert.deepEqual(value.bytes, { method: 'PATCH', type: null, auth: null, body: 'hi' });
  assert.deepEqual(value.missing, { status: 404, ok: false, text: 'no such route' });
  assert.deepEqual(value.empty, { status: 204, body: null });
  assert.equal(value.head.status, 200);
  assert.equal(value.head.body, null);
});

test('simFetch follows redirects as fetch does, or refuses them, or hands them back', async () => {
  const { value } = await inSeed(42, 'perfect', async (scene) => {
    await serve(scene);
    return scene.inClient(async () => {
      const fetch = simFetch(scene.clientNetwork);
      const post = { method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } };
      const seeOther = await fetch(`http://${SERVER}/see-other`, post);
      const permanent = await fetch(`http://${SERVER}/moved`, post);
      const manual = await fetch(`http://${SERVER}/moved`, { ...post, redirect: 'manual' });
      const refused = await fetch(`http://${SERVER}/moved`, { ...post, redirect: 'error' }).catch((error: TypeError) => `${error.message}: ${(error.cause as Error).message}`);
      const loop = await fetch(`http://${SERVER}/loop`).catch((error: TypeError) => `${error.message}: ${(error.cause as Error).message}`);
      return {
        seeOther: { body: await seeOther.json(), redirected: seeOther.redirected, url: seeOther.url },
        permanent: await permanent.json(),
        manual: { status: manual.status, location: manual.headers.get('location') },
        refused,
        loop,
      };
    });
  });
  assert.deepEqual(value.seeOther, { body: { method: 'GET', type: null, auth: null, body: '' }, redirected: true, url: `http://${SERVER}/echo` });
  assert.deepEqual(value.permanent, { method: 'POST', type: 'text/plain', auth: null, body: 'payload' });
  assert.deepEqual(value.manual, { status: 308, location: '/echo' });
  assert.equal(value.refused, "fetch failed: unexpected redirect to /echo (redirect: 'error')");
  assert.equal(value.loop, 'fetch failed: redirect count exceeded (20)');
});

test('simFetch: an abort rejects with the signal reason, before the head or while the body streams; a body cut short is terminated', async () => {
  const { value } = await inSeed(43, 'perfect', async (scene) => {
    await serve(scene);
    return scene.inClient(async () => {
      const fetch = simFetch(scene.clientNetwork);
      const early = new AbortController();
      early.abort(new Error('gave up early'));
      const before = await fetch(`http://${SERVER}/echo`, { signal: early.signal }).catch((error: Error) => error.message);
      const late = new AbortController();
      const response = await fetch(`http://${SERVER}/slow`, { signal: late.signal });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const first = Buffer.from((await reader.read()).value as Uint8Array).toString();
      late.abort(new Error('gave up on the body'));
      const during = await reader.read().catch((error: Error) => error.message);
      const cut = await fetch(`http://${SERVER}/slow`);
      const cutText = cut.text().catch((error: TypeError) => `${error.message} (${(error.cause as { code: string }).code})`);
      await scene.time.sleep(500);
      scene.network.stopHost('10.0.0.1');
      return { before, first, during, cut: await cutText };
    });
  });
  assert.deepEqual(value, { before: 'gave up early', first: 'first part, ', during: 'gave up on the body', cut: 'terminated (ECONNRESET)' });
});
