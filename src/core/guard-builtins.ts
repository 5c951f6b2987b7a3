import { createRequire, syncBuiltinESMExports } from 'node:module';
import { RealWorkError } from './errors.js';
import type { GuardHandlers } from './guard-handlers.js';
import { patchServerDates, throughProviderAgent } from './guard-http.js';
import { userCallSite } from './guard-session.js';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;
type Exports = Record<string, unknown>;

const require = createRequire(import.meta.url);

const FILE_FIX = 'Inject StorageProvider for the files the system writes and reads (a simulated disk in a seed); read fixed inputs at import time (top level of the module).';
const NET_FIX = 'Inject NetworkProvider (the simulated network in a seed, real sockets in production).';
const DNS_FIX = 'Use the addresses the topology gives (TopologyInfo); a seed cannot resolve names.';
const PROCESS_FIX = 'Start other OS processes outside the simulation: a seed cannot replay them.';
const THREAD_POOL_FIX = 'Use the Sync variant (it returns at once), or do it at import time.';

/** Async APIs that only the OS can finish, by module, with the fix named when a seed calls one,
 * and the calls that reach no real I/O although they go through one (`allowed`). */
const REAL_IO: [module: string, names: string[], fix: string, allowed?: (args: unknown[]) => boolean][] = [
  [
    'fs',
    ['access', 'appendFile', 'chmod', 'chown', 'close', 'copyFile', 'cp', 'createReadStream', 'createWriteStream', 'exists', 'fchmod', 'fchown', 'fdatasync', 'fstat', 'fsync', 'ftruncate', 'futimes', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir', 'mkdtemp', 'open', 'openAsBlob', 'opendir', 'read', 'readdir', 'readFile', 'readlink', 'readv', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'statfs', 'symlink', 'truncate', 'unlink', 'utimes', 'watch', 'watchFile', 'write', 'writeFile', 'writev'],
    FILE_FIX,
  ],
  [
    'fs/promises',
    ['access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir', 'mkdtemp', 'open', 'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'statfs', 'symlink', 'truncate', 'unlink', 'utimes', 'watch', 'writeFile'],
    FILE_FIX,
  ],
  ['net', ['connect', 'createConnection'], NET_FIX],
  ['dgram', ['createSocket'], NET_FIX],
  // A request through an agent of httpAgent() connects through a NetworkProvider.
  ['http', ['request', 'get'], `${NET_FIX} For node:http, pass { agent: httpAgent(network) } (or use simFetch(network)).`, throughProviderAgent],
  ['https', ['request', 'get'], NET_FIX],
  ['tls', ['connect'], NET_FIX],
  ['dns', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'], DNS_FIX],
  ['dns/promises', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'], DNS_FIX],
  ['child_process', ['spawn', 'exec', 'execFile', 'fork'], PROCESS_FIX],
  ['zlib', ['brotliCompress', 'brotliDecompress', 'deflate', 'deflateRaw', 'gunzip', 'gzip', 'inflate', 'inflateRaw', 'unzip'], THREAD_POOL_FIX],
  ['crypto', ['checkPrime', 'generateKey', 'generateKeyPair', 'generatePrime', 'hkdf', 'pbkdf2', 'scrypt'], THREAD_POOL_FIX],
];

/** Prototype methods behind the module functions above that code can reach another way (a socket
 * made with `new net.Socket()`, a server's listen). */
const REAL_IO_METHODS: [label: string, module: string, proto: () => object, names: string[], fix: string][] = [
  ['net.Socket.prototype', 'net', () => (require('net') as { Socket: { prototype: object } }).Socket.prototype, ['connect'], NET_FIX],
  ['net.Server.prototype', 'net', () => (require('net') as { Server: { prototype: object } }).Server.prototype, ['listen'], NET_FIX],
  ['crypto.subtle', 'crypto', () => Object.getPrototypeOf(globalThis.crypto.subtle) as object, ['decrypt', 'deriveBits', 'deriveKey', 'digest', 'encrypt', 'exportKey', 'generateKey', 'importKey', 'sign', 'unwrapKey', 'verify', 'wrapKey'], THREAD_POOL_FIX],
];

/** Node's list of the builtin modules loaded in this thread (undocumented: when absent, every
 * module counts as loaded). */
const moduleLoadList = (process as { moduleLoadList?: readonly string[] }).moduleLoadList;

function loaded(module: string): boolean {
  return moduleLoadList === undefined || moduleLoadList.includes(`NativeModule ${module}`) || moduleLoadList.includes(`NativeModule internal/${module}`);
}

function realIo(handlers: GuardHandlers, api: string, fix: string): never {
  const site = userCallSite();
  const detail = `${api} called at ${site} during a simulation: it starts real asynchronous work, which finishes at a real time, so the seed could not replay.`;
  throw handlers.session.failWith(new RealWorkError(api, site, fix, detail));
}

type InSeed = (handlers: GuardHandlers, self: unknown, args: unknown[]) => unknown;

/** `real` when no seed runs, else `inSeed`. Keeps the real function's own properties; one that
 * is a function (util.promisify.custom, fs.realpath.native) dispatches to `nested` in a seed. */
function dispatcher(real: AnyFunction, inSeed: InSeed, active: () => GuardHandlers | undefined, nested?: InSeed): AnyFunction {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const handlers = active();
    return handlers === undefined ? Reflect.apply(real, this, args) : inSeed(handlers, this, args);
  };
  for (const key of Reflect.ownKeys(real)) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    const descriptor = Object.getOwnPropertyDescriptor(real, key) as PropertyDescriptor;
    // One level: such properties can refer back to their owner.
    if (nested !== undefined && typeof descriptor.value === 'function') {
      descriptor.value = dispatcher(descriptor.value as AnyFunction, nested, active);
    }
    Object.defineProperty(wrapped, key, descriptor);
  }
  Object.defineProperty(wrapped, 'name', { value: real.name });
  Object.defineProperty(wrapped, 'length', { value: real.length });
  return wrapped;
}

let patchedEntropy = false;
const patchedIo = new Set<string>();
let loadsSeen = -1;

/**
 * Replaces the functions of Node's builtin modules a seed must not reach (timers, entropy, real
 * I/O) with dispatchers, for good: the real function when no seed runs, the seed's virtual one
 * (or its rejection) when one does. Then syncs the ES module views, so a named import
 * (`import { setTimeout } from 'node:timers'`) dispatches too. Called before every seed: the
 * I/O modules are patched once they are loaded (loading them all would cost every worker
 * ~17 ms of start-up), so a module code loads later is patched before the next seed; syncing
 * (~50 µs) runs only when something was patched.
 */
export function patchBuiltins(active: () => GuardHandlers | undefined): void {
  const loads = moduleLoadList?.length ?? 0;
  if (patchedEntropy && loads === loadsSeen) return;
  loadsSeen = loads;
  let patchedNow = false;
  const patch = (exports: Exports, name: string, inSeed: InSeed, nested?: InSeed) => {
    const real = exports[name];
    const descriptor = Object.getOwnPropertyDescriptor(exports, name);
    // node:crypto's getRandomValues is a fixed getter; the function it returns calls the
    // globalThis.crypto method patched below.
    if (typeof real !== 'function' || descriptor?.configurable === false) return;
    Object.defineProperty(exports, name, { value: dispatcher(real as AnyFunction, inSeed, active, nested ?? inSeed), writable: true, configurable: true, enumerable: descriptor?.enumerable ?? true });
    patchedNow = true;
  };
  for (const [module, names, fix, allowed] of REAL_IO) {
    if (patchedIo.has(module) || !loaded(module)) continue;
    patchedIo.add(module);
    const exports = require(module) as Exports;
    const prefix = module.replace('/promises', '.promises');
    for (const name of names) {
      const real = exports[name] as AnyFunction;
      patch(exports, name, (h, self, args) => (allowed?.(args) ? Reflect.apply(real, self, args) : realIo(h, `${prefix}.${name}()`, fix)));
    }
    if (module === 'http') patchServerDates(exports as unknown as typeof import('node:http'), active);
  }
  for (const [label, module, proto, names, fix] of REAL_IO_METHODS) {
    if (patchedIo.has(label) || !loaded(module)) continue;
    patchedIo.add(label);
    const target = proto() as Exports;
    for (const name of names) patch(target, name, (h) => realIo(h, `${label}.${name}()`, fix));
  }
  if (!patchedEntropy) {
    patchedEntropy = true;
    patchEntropy(active, patch);
  }
  if (patchedNow) syncBuiltinESMExports();
}

/** AbortSignal.timeout(ms) on simulated time: a signal aborted with a TimeoutError after `ms`. */
function abortAfter(handlers: GuardHandlers, ms: unknown): AbortSignal {
  if (typeof ms !== 'number' || !(ms >= 0 && ms <= Number.MAX_SAFE_INTEGER)) {
    throw Object.assign(new RangeError(`The value of "delay" is out of range. It must be >= 0 and <= ${Number.MAX_SAFE_INTEGER}. Received ${String(ms)}`), { code: 'ERR_OUT_OF_RANGE' });
  }
  const controller = new AbortController();
  handlers.timers.setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  return controller.signal;
}

/** The timers and the entropy sources: patched on the first seed, loaded or not. */
function patchEntropy(active: () => GuardHandlers | undefined, patch: (exports: Exports, name: string, inSeed: InSeed, nested?: InSeed) => void): void {
  const timers = require('timers') as Exports;
  for (const name of ['setTimeout', 'setInterval', 'setImmediate'] as const) {
    const promised = name === 'setInterval' ? undefined : name;
    patch(
      timers,
      name,
      (h, _self, args) => (h.session.virtual ? (h.timers[name] as AnyFunction)(...args) : h.session.reject(name)),
      (h, _self, args) => (h.session.virtual && promised !== undefined ? (h.timers.promises[promised] as AnyFunction)(...args) : h.session.reject(`timers/promises.${promised ?? name}()`)),
    );
  }
  for (const name of ['clearTimeout', 'clearInterval', 'clearImmediate']) {
    const real = timers[name] as AnyFunction;
    patch(timers, name, (h, self, args) => (h.timers.clear(args[0]) ? undefined : Reflect.apply(real, self, args)));
  }
  // AbortSignal.timeout() arms a real (unref'd, so unseen) timer: a fetch given one would abort
  // at a real time.
  patch(AbortSignal as unknown as Exports, 'timeout', (h, _self, args) => (h.session.virtual ? abortAfter(h, args[0]) : h.session.reject('AbortSignal.timeout()')));
  const timerPromises = require('timers/promises') as Exports;
  for (const name of ['setTimeout', 'setImmediate', 'setInterval'] as const) {
    patch(timerPromises, name, (h, _self, args) => (h.session.virtual ? (h.timers.promises[name] as AnyFunction)(...args) : h.session.reject(`timers/promises.${name}()`)));
  }
  const scheduler = timerPromises.scheduler as Exports | undefined;
  if (scheduler !== undefined) {
    for (const name of ['wait', 'yield'] as const) {
      patch(scheduler, name, (h, _self, args) => (h.session.virtual ? (h.timers.promises.scheduler[name] as AnyFunction)(...args) : h.session.reject(`timers/promises.scheduler.${name}()`)));
    }
  }
  const crypto = require('crypto') as Exports;
  const webcrypto = globalThis.crypto as unknown as Exports;
  for (const name of ['randomBytes', 'randomFill', 'randomFillSync', 'randomInt', 'randomUUID', 'getRandomValues'] as const) {
    patch(crypto, name, (h, _self, args) => (h.crypto[name] as AnyFunction)(...args));
  }
  // Deprecated aliases of randomBytes that Node still exports.
  for (const name of ['pseudoRandomBytes', 'prng', 'rng']) patch(crypto, name, (h, _self, args) => (h.crypto.randomBytes as AnyFunction)(...args));
  for (const name of ['getRandomValues', 'randomUUID'] as const) {
    const real = (webcrypto[name] as AnyFunction).bind(webcrypto) as AnyFunction;
    Object.defineProperty(webcrypto, name, { value: dispatcher(real, (h, _self, args) => (h.crypto[name] as AnyFunction)(...args), active), writable: true, configurable: true });
  }
}
