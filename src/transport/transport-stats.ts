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
  /** Server: responses not sent because their connection had died. */
  droppedResponses: number;
  /** Client: replies that arrived after their request had timed out or been abandoned. */
  lateResponses: number;
  /** Client: connections reset because a written request timed out with no frame received
   * since it was sent (a peer that went silent, or a corrupted length prefix holding the stream). */
  stalledConnections: number;
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
  };
}

/** A deep copy, so callers cannot change the live counters. */
export function copyStats(stats: TransportStats): TransportStats {
  return { ...stats, wireErrors: { ...stats.wireErrors } };
}
