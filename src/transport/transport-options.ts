import { BACKOFF_DEFAULTS, type BackoffOptions } from './backoff.js';
import { DEFAULT_MAX_FRAME_BYTES, FRAME_HEADER_BYTES } from './frame.js';
import type { TransportProviderOptions } from './transport-providers.js';

export interface ServerTransportOptions extends TransportProviderOptions {
  /** Largest frame accepted or sent, header included. Both sides should agree. */
  maxFrameBytes?: number;
}

export interface ClientTransportOptions extends ServerTransportOptions, BackoffOptions {
  /** Timeout of a request() that does not pass its own. */
  requestTimeoutMs?: number;
  /** A connection attempt taking longer than this counts as failed. */
  connectTimeoutMs?: number;
  /** Consecutive failed connection attempts after which the waiting requests fail with a
   * ConnectionLostError (the next request starts a new round, still backing off). */
  connectAttemptsMax?: number;
  /** Requests allowed to wait for the wire (unwritten) before request() rejects with a
   * SendQueueFullError. */
  sendQueueMax?: number;
}

const CLIENT_DEFAULTS = {
  ...BACKOFF_DEFAULTS,
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  requestTimeoutMs: 30_000,
  connectTimeoutMs: 5_000,
  connectAttemptsMax: 5,
  sendQueueMax: 1024,
};

export type ResolvedClientOptions = typeof CLIENT_DEFAULTS;

/** Defaults filled in and every number checked, with an error naming the option and the fix. */
export function resolveClientOptions(address: string, options: ClientTransportOptions): ResolvedClientOptions {
  const resolved = { ...CLIENT_DEFAULTS };
  for (const key of Object.keys(CLIENT_DEFAULTS) as (keyof ResolvedClientOptions)[]) {
    const value = options[key];
    if (value !== undefined) resolved[key] = value;
  }
  const owner = `ClientTransport to ${address}`;
  atLeast(owner, 'requestTimeoutMs', resolved.requestTimeoutMs, Number.MIN_VALUE, false);
  atLeast(owner, 'connectTimeoutMs', resolved.connectTimeoutMs, Number.MIN_VALUE, false);
  atLeast(owner, 'connectAttemptsMax', resolved.connectAttemptsMax, 1, true);
  atLeast(owner, 'sendQueueMax', resolved.sendQueueMax, 1, true);
  atLeast(owner, 'maxFrameBytes', resolved.maxFrameBytes, MIN_FRAME_BYTES, true);
  return resolved;
}

/** The server's maxFrameBytes, checked. */
export function resolveServerMaxFrameBytes(address: string, options: ServerTransportOptions): number {
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  atLeast(`ServerTransport on ${address}`, 'maxFrameBytes', maxFrameBytes, MIN_FRAME_BYTES, true);
  return maxFrameBytes;
}

/** A header and a one-byte payload. */
const MIN_FRAME_BYTES = FRAME_HEADER_BYTES + 1;

/** Throws a RangeError unless `value` is a finite number >= min (an integer if `integer`). */
function atLeast(owner: string, name: string, value: number, min: number, integer: boolean): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && (!integer || Number.isInteger(value));
  if (!ok) {
    const bound = min === Number.MIN_VALUE ? '> 0' : `>= ${min}`;
    throw new RangeError(
      `${owner}: option ${name} must be a finite ${integer ? 'integer' : 'number'} ${bound}, got ${String(value)}. ` +
        `Pass a valid ${name} or leave it out for the default (${String(CLIENT_DEFAULTS[name as keyof ResolvedClientOptions])}).`,
    );
  }
}
