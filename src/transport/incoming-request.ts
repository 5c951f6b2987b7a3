import { encodeFrame, FrameKind } from './frame.js';
import { ReadyFrame, type PeerConnection } from './peer-connection.js';
import type { TransportStats } from './transport-stats.js';
import { WireError } from './wire-errors.js';

/** One request as the server's handler sees it. Answer it once, with respond() or respondError();
 * an answer to a connection that has died is dropped and counted (`droppedResponses`). */
export class IncomingRequest<Req, Res> {
  private answered = false;

  constructor(
    readonly request: Req,
    private readonly correlationId: number,
    private readonly connection: PeerConnection,
    private readonly stats: TransportStats,
    private readonly maxFrameBytes: number,
  ) {}

  /** Address of the client that sent it. */
  get peer(): string {
    return this.connection.peer;
  }

  /** Queues the reply. A reply too large for one frame is sent as an error response (so the
   * client does not wait for its timeout) and rethrown here as a WireError 'oversized'. */
  respond(response: Res): void {
    this.claimAnswer('respond');
    let frame: Uint8Array;
    try {
      frame = encodeFrame(FrameKind.Response, this.correlationId, response, this.maxFrameBytes);
    } catch (error) {
      if (error instanceof WireError) this.send(encodeFrame(FrameKind.ErrorResponse, this.correlationId, `response rejected by the server: ${error.message}`));
      throw error;
    }
    this.send(frame);
  }

  /** Answers with an error the client raises as a RemoteError carrying `message`. */
  respondError(message: string): void {
    this.claimAnswer('respondError');
    this.send(encodeFrame(FrameKind.ErrorResponse, this.correlationId, String(message), this.maxFrameBytes));
  }

  private claimAnswer(method: string): void {
    if (this.answered) {
      throw new Error(
        `IncomingRequest.${method}(): request ${this.correlationId} from ${this.peer} was already answered; answer each request exactly once`,
      );
    }
    this.answered = true;
  }

  private send(frame: Uint8Array): void {
    if (this.connection.open) this.connection.send(new ReadyFrame(frame));
    else this.stats.droppedResponses++;
  }
}
