import { Topology } from 'moonpool';
import { FetchKvClient } from './fetch-client.js';
import { HTTP_KV_INVARIANTS } from './invariants.js';
import { KvServer } from './kv-server.js';
import { RequestKvClient } from './request-client.js';

/** A JSON key-value service on node:http under a hostile network: clients on http.request (a
 * keep-alive agent) and on fetch (simFetch) retry what fails, and every response they accept
 * matches what the server did. */
@Topology({
  name: 'http-kv',
  roles: { server: KvServer, requester: RequestKvClient, fetcher: FetchKvClient },
  layouts: [
    { server: 1, requester: 1, fetcher: 1 },
    { server: 1, requester: 3, fetcher: 2 },
  ],
  invariants: HTTP_KV_INVARIANTS,
  network: 'hostile',
  seeds: 20,
})
export class HttpKv {}
