import type { WireErrorCode } from './wire-errors.js';

/** Counters of one client or server transport, from `stats()`. */
export interface TransportStats {
  framesSent: number;
  framesReceived: number;
  /** Connections reset because their byte stream failed to decode, by WireError code. */
  wireErrors: Record<WireErrorCode, number>;
  /** Connections established (client) or accepted (server). */
  connections: number;
  /** Connections that ended other than by close() of this transport. */
  connectionsLost: number;
  /** Client: connection attempts that failed or timed out. */
  connectFailures: number;
  /** Client: connections established after the first one. */
  reconnects: number;
  /** Server: requests whose connection died before their reply went out (answered too late,
   * or still queued for tryNextMessage(): those are dropped with the connection). */
  droppedResponses: number;
  /** Client: replies that arrived after their request had timed out or been abandoned. */
  lateResponses: number;
  /** Client: connections reset because a written request timed out with no frame received
   * since it was sent (a peer that went silent, or a corrupted length prefix holding the stream). */
  stalledConnections: number;
  /** Server: connections reset at once because connectionsMax were open. */
  connectionsRefused: number;
  /** Server: connections reset because a frame stayed incomplete for partialFrameTimeoutMs. */
  partialFrameTimeouts: number;
  /** Server: connections reset because a write of replies was not taken for replyStallTimeoutMs. */
  replyStallTimeouts: number;
  /** Server: times a connection stopped reading at a limit (pendingRequestsMax, replyBytesMax
   * or bufferedBytesMax) until it drained. */
  backpressurePauses: number;
  /** Server, now: connections open. */
  connectionsOpen: number;
  /** Server, now: connections not reading because of a limit. */
  connectionsPaused: number;
  /** Server, now: bytes held for all connections (what bufferedBytesMax limits). */
  bufferedBytes: number;
}

export function emptyStats(): TransportStats {
  return {
    framesSent: 0,
    framesReceived: 0,
    wireErrors: { checksum: 0, oversized: 0, malformed: 0, version: 0 },
    connections: 0,
    connectionsLost: 0,
    connectFailures: 0,
    reconnects: 0,
    droppedResponses: 0,
    lateResponses: 0,
    stalledConnections: 0,
    connectionsRefused: 0,
    partialFrameTimeouts: 0,
    replyStallTimeouts: 0,
    backpressurePauses: 0,
    connectionsOpen: 0,
    connectionsPaused: 0,
    bufferedBytes: 0,
  };
}

/** A deep copy, so callers cannot change the live counters. */
export function copyStats(stats: TransportStats): TransportStats {
  return { ...stats, wireErrors: { ...stats.wireErrors } };
}
