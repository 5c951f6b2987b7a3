import {
  AddressInUseError,
  ConnectionClosedError,
  ConnectionRefusedError,
  ConnectionResetError,
  ConnectionTimedOutError,
  NetworkError,
} from '../providers/network-errors.js';

/** Maps a node:net error to moonpool's typed network errors (the POSIX code stays in `code`). */
export function toNetworkError(error: unknown, address: string): NetworkError {
  if (error instanceof NetworkError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return new ConnectionRefusedError(address);
    case 'ECONNRESET':
      return new ConnectionResetError(`${address} reset the connection`);
    case 'EPIPE':
    case 'ERR_STREAM_WRITE_AFTER_END':
    case 'ERR_STREAM_DESTROYED':
      return new ConnectionClosedError(`${address}: ${message}`);
    case 'EADDRINUSE':
      return new AddressInUseError(address);
    case 'ETIMEDOUT':
      return new ConnectionTimedOutError(address, message);
    default:
      return new NetworkError(code ?? 'EUNKNOWN', `${address}: ${message}`);
  }
}
