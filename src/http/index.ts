// Public exports of src/http/ (re-exported by src/index.ts): node:http and stream protocols over
// a NetworkProvider.
export { toNodeSocket, NodeSocket, type NodeSocketOptions } from './node-socket.js';
export { createHttpServer, HttpServer } from './http-server.js';
export { httpAgent } from './http-agent.js';
export { simFetch, type FetchFunction, type SimFetchOptions } from './sim-fetch.js';
export type { ErrnoError } from './errno-error.js';
