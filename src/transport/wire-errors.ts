/**
 * Why a byte stream was rejected. `checksum`: CRC-32C mismatch; `oversized`: declared frame
 * length above the limit; `version`: unsupported frame version; `malformed`: anything else
 * (impossible length, unknown kind, undecodable or disallowed payload).
 */
export type WireErrorCode = 'checksum' | 'oversized' | 'malformed' | 'version';

/** A stream that fails to decode can no longer be trusted: the connection should be closed. */
export class WireError extends Error {
  constructor(
    readonly code: WireErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
