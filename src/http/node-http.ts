import type * as Http from 'node:http';
import { createRequire } from 'node:module';
import { patchLoadedBuiltins } from '../core/guard.js';

const require = createRequire(import.meta.url);

let http: typeof Http | undefined;

/** node:http, loaded on first use: a seed worker that never serves HTTP does not pay for it at
 * start-up. Loaded inside a seed, it gets the guard's patches at once (see guard-http.ts). */
export function nodeHttp(): typeof Http {
  if (http === undefined) {
    http = require('node:http') as typeof Http;
    patchLoadedBuiltins();
  }
  return http;
}
