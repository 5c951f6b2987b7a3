import { currentWorld } from '../core/current.js';

export type TransportErrorCode =
  | 'timeout'
  | 'connection-lost'
  | 'maybe-delivered'
  | 'send-queue-full'
  | 'closed'
  | 'remote';

/** Base of the transport's typed errors. Inside a simulation the message ends with the seed,
 * so a failure seen in a log can be replayed. */
export class TransportError extends Error {
  /** The seed of the simulation the error happened in; undefined in production. */
  readonly seed: number | undefined;

  constructor(readonly code: TransportErrorCode, message: string, options?: ErrorOptions) {
    const seed = currentWorld()?.seed;
    super(seed === undefined ? message : `${message} [seed ${seed}]`, options);
    this.name = new.target.name;
    this.seed = seed;
  }
}

/** No reply within the request's timeout. `written` tells whether the request reached the wire:
 * if it did, the server may have applied it. */
export class RequestTimeoutError extends TransportError {
  constructor(address: string, readonly timeoutMs: number, readonly written: boolean) {
    super(
      'timeout',
      `request to ${address} got no reply within ${timeoutMs} ms (${written ? 'it was written, so it may have been applied' : 'it was never written'})`,
    );
  }
}

/** The client could not (re)connect: the request was never written, so it certainly was not
 * applied and is safe to retry. */
export class ConnectionLostError extends TransportError {
  constructor(address: string, attempts: number, cause: unknown) {
    super(
      'connection-lost',
      `no connection to ${address} after ${attempts} attempt(s) (last: ${describe(cause)}); the request was never written`,
      { cause },
    );
  }
}

/** The request was written but its connection died before the reply: it may or may not have been
 * applied. Retry only if the request is idempotent. */
export class MaybeDeliveredError extends TransportError {
  constructor(address: string, cause: unknown) {
    super(
      'maybe-delivered',
      `the connection to ${address} died after the request was written (${describe(cause)}); it may or may not have been applied`,
      { cause },
    );
  }
}

/** More requests wait to be written than the client's sendQueueMax allows. */
export class SendQueueFullError extends TransportError {
  constructor(address: string, readonly sendQueueMax: number) {
    super(
      'send-queue-full',
      `send queue to ${address} is full (${sendQueueMax} unwritten requests): slow down or raise the sendQueueMax option`,
    );
  }
}

/** The transport was closed by its owner. */
export class TransportClosedError extends TransportError {
  constructor(what: string) {
    super('closed', `${what} is closed`);
  }
}

/** The server's handler answered with respondError(message). */
export class RemoteError extends TransportError {
  constructor(address: string, readonly remoteMessage: string) {
    super('remote', `server ${address} answered with an error: ${remoteMessage}`);
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
