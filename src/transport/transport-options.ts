import { BACKOFF_DEFAULTS, type BackoffOptions } from './backoff.js';
import { DEFAULT_FRAME_BYTES_MAX, FRAME_HEADER_BYTES } from './frame.js';
import type { TransportProviderOptions } from './transport-providers.js';

/** Options both ends take. */
export interface FramingOptions extends TransportProviderOptions {
  /** Largest frame accepted or sent, header included. Both sides should agree. */
  frameBytesMax?: number;
}

/** The server's limits: whatever its peers send, it holds at most about bufferedBytesMax bytes
 * for them, plus a bounded amount per connection (see the README, "Transport limits"). */
export interface ServerTransportOptions extends FramingOptions {
  /** Requests of one connection received and not yet answered (queued or being handled);
   * at this many the server stops reading that connection until one is answered. */
  pendingRequestsMax?: number;
  /** Reply bytes of one connection not yet handed to the socket (its peer reads slowly or not
   * at all); at this many the server stops reading that connection, between two frames. */
  replyBytesMax?: number;
  /** A frame whose first byte arrived this long ago and which is still incomplete resets its
   * connection (a slow or stalled sender holding a buffer). */
  partialFrameTimeoutMs?: number;
  /** A write of replies the connection has not taken for this long resets it (a peer that
   * stopped reading, holding its unsent replies). */
  replyStallTimeoutMs?: number;
  /** Open connections; one more is reset as soon as it is accepted. */
  connectionsMax?: number;
  /** Bytes held for all connections together (incomplete frames, bytes read and not yet
   * decoded, unanswered requests, unsent replies); at this many no connection reads more until
   * it drops below. */
  bufferedBytesMax?: number;
}

export interface ClientTransportOptions extends FramingOptions, BackoffOptions {
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

const SERVER_DEFAULTS = {
  frameBytesMax: DEFAULT_FRAME_BYTES_MAX,
  pendingRequestsMax: 128,
  replyBytesMax: 1024 * 1024,
  partialFrameTimeoutMs: 10_000,
  replyStallTimeoutMs: 10_000,
  connectionsMax: 1024,
  bufferedBytesMax: 8 * 1024 * 1024,
};

const CLIENT_DEFAULTS = {
  ...BACKOFF_DEFAULTS,
  frameBytesMax: DEFAULT_FRAME_BYTES_MAX,
  requestTimeoutMs: 30_000,
  connectTimeoutMs: 5_000,
  connectAttemptsMax: 5,
  sendQueueMax: 1024,
};

export type ResolvedServerOptions = typeof SERVER_DEFAULTS;
export type ResolvedClientOptions = typeof CLIENT_DEFAULTS;

/** Defaults filled in and every number checked, with an error naming the option and the fix. */
export function resolveClientOptions(address: string, options: ClientTransportOptions): ResolvedClientOptions {
  const resolved = withDefaults(CLIENT_DEFAULTS, options);
  const check = checker(`ClientTransport to ${address}`, CLIENT_DEFAULTS);
  check('requestTimeoutMs', resolved.requestTimeoutMs, Number.MIN_VALUE, false);
  check('connectTimeoutMs', resolved.connectTimeoutMs, Number.MIN_VALUE, false);
  check('connectAttemptsMax', resolved.connectAttemptsMax, 1, true);
  check('sendQueueMax', resolved.sendQueueMax, 1, true);
  check('frameBytesMax', resolved.frameBytesMax, FRAME_BYTES_MIN, true);
  return resolved;
}

/** The server's options, defaults filled in and checked the same way. */
export function resolveServerOptions(address: string, options: ServerTransportOptions): ResolvedServerOptions {
  const resolved = withDefaults(SERVER_DEFAULTS, options);
  const check = checker(`ServerTransport on ${address}`, SERVER_DEFAULTS);
  check('frameBytesMax', resolved.frameBytesMax, FRAME_BYTES_MIN, true);
  check('pendingRequestsMax', resolved.pendingRequestsMax, 1, true);
  check('replyBytesMax', resolved.replyBytesMax, 1, true);
  check('partialFrameTimeoutMs', resolved.partialFrameTimeoutMs, Number.MIN_VALUE, false);
  check('replyStallTimeoutMs', resolved.replyStallTimeoutMs, Number.MIN_VALUE, false);
  check('connectionsMax', resolved.connectionsMax, 1, true);
  // Below one largest frame, a frame of that size could never be assembled.
  check('bufferedBytesMax', resolved.bufferedBytesMax, resolved.frameBytesMax, true);
  return resolved;
}

/** A header and a one-byte payload. */
const FRAME_BYTES_MIN = FRAME_HEADER_BYTES + 1;

function withDefaults<T extends Record<string, number>>(defaults: T, options: Partial<Record<keyof T, unknown>>): T {
  const resolved = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof T)[]) {
    const value = options[key];
    if (value !== undefined) resolved[key] = value as T[keyof T];
  }
  return resolved;
}

/** Throws a RangeError unless `value` is a finite number >= min (an integer if `integer`). */
function checker<T extends Record<string, number>>(owner: string, defaults: T) {
  return (name: keyof T & string, value: number, min: number, integer: boolean): void => {
    const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && (!integer || Number.isInteger(value));
    if (!ok) {
      const bound = min === Number.MIN_VALUE ? '> 0' : `>= ${min}`;
      throw new RangeError(
        `${owner}: option ${name} must be a finite ${integer ? 'integer' : 'number'} ${bound}, got ${String(value)}. ` +
          `Pass a valid ${name} or leave it out for the default (${String(defaults[name])}).`,
      );
    }
  };
}
