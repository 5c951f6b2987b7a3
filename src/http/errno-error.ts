import { constants } from 'node:os';
import { NetworkError } from '../providers/network-errors.js';
import { parseAddress } from '../providers/network-provider.js';

/** What node:net puts on a system error, which code written for real sockets reads. */
export interface ErrnoError extends Error {
  code: string;
  errno: number;
  syscall: string;
  address?: string;
  port?: number;
}

const ERRNO = constants.errno as Record<string, number | undefined>;

/**
 * A provider's network error as node:net reports it: `read ECONNRESET`, `connect ECONNREFUSED
 * 10.0.0.1:8080`, with `code`, a negative `errno`, `syscall` and, for a connect, `address` and
 * `port`; the provider's error is the `cause`. Any other error is returned as it is.
 */
export function errnoError(error: unknown, syscall: 'connect' | 'read' | 'write', peer?: string): unknown {
  if (!(error instanceof NetworkError) || ERRNO[error.code] === undefined) return error;
  const target = syscall === 'connect' && peer !== undefined ? parseAddress(peer) : undefined;
  const converted = new Error(`${syscall} ${error.code}${target === undefined ? '' : ` ${peer}`}`, { cause: error }) as ErrnoError;
  converted.code = error.code;
  converted.errno = -(ERRNO[error.code] as number);
  converted.syscall = syscall;
  if (target !== undefined) {
    converted.address = target.host;
    converted.port = target.port;
  }
  return converted;
}

/** libuv's EAI_NONAME, node:dns's errno for ENOTFOUND (not in os.constants). */
const EAI_NONAME = -3008;

/** A name no lookup can resolve, as node:dns reports it: a seed has no DNS (its hosts are the
 * topology's IP addresses). */
export function notFoundError(hostname: string): ErrnoError & { hostname: string } {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: EAI_NONAME, syscall: 'getaddrinfo', hostname });
}
