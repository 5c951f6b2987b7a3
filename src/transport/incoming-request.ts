import { encodeFrame, FrameKind } from './frame.js';

/** Where a request came from: the server's side of its connection. */
export interface RequestOrigin {
  /** Address of the client. */
  readonly peer: string;
  readonly frameBytesMax: number;
  /** Sends the reply frame of a request of `requestBytes` on the wire, or drops and counts it
   * if the connection has died. */
  answer(frame: Uint8Array, requestBytes: number): void;
}

/** One request as the server's handler sees it. Answer it once, with respond() or respondError();
 * an answer to a connection that has died is dropped and counted (`droppedResponses`). Until it
 * is answered it counts against its connection's pendingRequestsMax. */
export class IncomingRequest<Req, Res> {
  private answered = false;

  constructor(
    readonly request: Req,
    private readonly correlationId: number,
    private readonly origin: RequestOrigin,
    /** Its frame's size on the wire. */
    private readonly frameBytes: number,
  ) {}

  /** Address of the client that sent it. */
  get peer(): string {
    return this.origin.peer;
  }

  /** Queues the reply. A reply that cannot be encoded, such as one too large for a frame, is
   * sent as an error response (so the client does not wait for its timeout, and the request
   * leaves pendingRequestsMax) and its error rethrown here: a WireError 'oversized' for size. */
  respond(response: Res): void {
    this.claimAnswer('respond');
    let frame: Uint8Array;
    try {
      frame = encodeFrame(FrameKind.Response, this.correlationId, response, this.origin.frameBytesMax);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.send(encodeFrame(FrameKind.ErrorResponse, this.correlationId, `response rejected by the server: ${reason}`));
      throw error;
    }
    this.send(frame);
  }

  /** Answers with an error the client raises as a RemoteError carrying `message`. */
  respondError(message: string): void {
    this.claimAnswer('respondError');
    this.send(encodeFrame(FrameKind.ErrorResponse, this.correlationId, String(message), this.origin.frameBytesMax));
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
    this.origin.answer(frame, this.frameBytes);
  }
}
