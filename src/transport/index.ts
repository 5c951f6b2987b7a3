// Public exports of src/transport/ (re-exported by src/index.ts).
export { ClientTransport, type RequestOptions } from './client-transport.js';
export { ServerTransport } from './server-transport.js';
export { IncomingRequest } from './incoming-request.js';
export type { ClientTransportOptions, ServerTransportOptions } from './transport-options.js';
export type { TransportProviderOptions } from './transport-providers.js';
export type { BackoffOptions } from './backoff.js';
export type { TransportStats } from './transport-stats.js';
export {
  TransportError,
  RequestTimeoutError,
  ConnectionLostError,
  MaybeDeliveredError,
  SendQueueFullError,
  TransportClosedError,
  RemoteError,
  type TransportErrorCode,
} from './transport-errors.js';
export { encodeFrame, FrameKind, DEFAULT_FRAME_BYTES_MAX, FRAME_VERSION, type DecodedFrame } from './frame.js';
export { crc32c } from './crc32c.js';
export { FrameDecoder, type FrameDecoderOptions } from './frame-decoder.js';
export { WireError, type WireErrorCode } from './wire-errors.js';
