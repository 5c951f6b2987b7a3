import { invariant } from '../core/assert.js';
import type { Connection } from '../providers/network-provider.js';
import type { BufferBudget, RoomWaiter } from './buffer-budget.js';
import { FrameKind, type DecodedFrame } from './frame.js';
import { IncomingRequest, type RequestOrigin } from './incoming-request.js';
import { MailboxLane, type Mailbox } from './mailbox.js';
import {
  PeerConnection, ReadyFrame, type OutboundFrame, type PeerHandlers, type ReadControl, type StallTimeouts,
} from './peer-connection.js';
import type { ResolvedServerOptions } from './transport-options.js';
import type { TransportStats } from './transport-stats.js';
import { WireError } from './wire-errors.js';

/** What a server's connections share. */
export interface ServerContext<Req, Res> {
  readonly limits: ResolvedServerOptions;
  readonly stats: TransportStats;
  readonly mailbox: Mailbox<IncomingRequest<Req, Res>>;
  readonly budget: BufferBudget;
  readonly stallTimeouts: StallTimeouts;
  /** Resolves once the other tasks waiting to run have run. */
  endTurn(): Promise<void>;
  /** The connection ended; it has given back everything it held. */
  closed(connection: ServerConnection<Req, Res>): void;
}

/**
 * One accepted connection as the server bounds it: its requests queue in a lane of their own
 * (served round-robin with the other connections'), and it reads only while it has fewer than
 * pendingRequestsMax unanswered requests, fewer than replyBytesMax unsent reply bytes (checked
 * between frames: a frame under way is finished) and the server is below bufferedBytesMax.
 * What it holds (bytes read and not decoded, unanswered requests, unsent replies) is charged
 * to the server's budget, and everything a peer can hold there runs a clock: an incomplete
 * frame (partialFrameTimeoutMs), replies it does not read (replyStallTimeoutMs). Bytes held
 * back by pendingRequestsMax wait for the handler, not the peer.
 */
export class ServerConnection<Req, Res> implements PeerHandlers, ReadControl, RequestOrigin, RoomWaiter {
  readonly peer: string;
  waitingForRoom = false;
  readonly frameBytesMax: number;
  readonly connection: PeerConnection;
  private readonly lane = new MailboxLane<IncomingRequest<Req, Res>>();
  /** Requests received and not yet answered, and their bytes on the wire. */
  private pendingRequests = 0;
  private requestBytes = 0;
  /** What this connection adds to the budget now. */
  private charged = 0;

  constructor(
    conn: Connection,
    private readonly context: ServerContext<Req, Res>,
  ) {
    this.frameBytesMax = context.limits.frameBytesMax;
    this.connection = new PeerConnection(conn, context.stats, this, {
      frameBytesMax: this.frameBytesMax,
      control: this,
      stallTimeouts: context.stallTimeouts,
    });
    this.peer = this.connection.peer;
  }

  framesAllowed(): number {
    const room = this.context.limits.pendingRequestsMax - this.pendingRequests;
    // Over the server's budget, bytes already read are still decoded: that adds nothing, and
    // an incomplete frame must be decoded for its clock to run.
    if (this.connection.unsentBytes >= this.context.limits.replyBytesMax) {
      // Only the frame under way.
      return this.connection.partialFrameBytes > 0 ? Math.min(room, 1) : 0;
    }
    return room;
  }

  /** False while a limit holds; the server's budget then queues the connection for room. */
  readAllowed(): boolean {
    if (this.pendingRequests >= this.context.limits.pendingRequestsMax) return false;
    if (this.connection.unsentBytes >= this.context.limits.replyBytesMax && this.connection.partialFrameBytes === 0) return false;
    if (!this.context.budget.full) return true;
    this.context.budget.waitForRoom(this);
    return false;
  }

  resumeReading(): void {
    this.connection.resumeReading();
  }

  get turnFramesMax(): number {
    return this.context.limits.pendingRequestsMax;
  }

  endTurn(): Promise<void> {
    return this.context.endTurn();
  }

  buffersChanged(): void {
    this.recharge();
  }

  onFrame(frame: DecodedFrame, peer: PeerConnection, frameBytes: number): void {
    if (frame.kind !== FrameKind.Request) {
      this.context.stats.wireErrors.malformed++;
      peer.abort(new WireError('malformed', `client ${this.peer} sent a frame of kind ${frame.kind}, which servers never accept`));
      return;
    }
    this.pendingRequests++;
    if (this.pendingRequests > this.context.limits.pendingRequestsMax) invariant(false, `${this.peer}: more requests decoded than pendingRequestsMax`);
    this.requestBytes += frameBytes;
    this.context.mailbox.put(this.lane, new IncomingRequest<Req, Res>(frame.payload as Req, frame.correlationId, this, frameBytes));
  }

  onClosed(_peer: PeerConnection, _error: unknown, unsent: OutboundFrame[]): void {
    const { stats, mailbox, budget } = this.context;
    stats.droppedResponses += unsent.length + mailbox.drop(this.lane).length;
    this.pendingRequests = 0;
    this.requestBytes = 0;
    budget.charge(-this.charged);
    this.charged = 0;
    this.context.closed(this);
  }

  answer(frame: Uint8Array, requestBytes: number): void {
    if (!this.connection.open) {
      this.context.stats.droppedResponses++;
      return;
    }
    this.pendingRequests--;
    this.requestBytes -= requestBytes;
    if (this.pendingRequests < 0 || this.requestBytes < 0) invariant(false, `${this.peer}: more requests answered than received`);
    this.connection.send(new ReadyFrame(frame));
    this.recharge();
  }

  /** Brings the budget up to date with what this connection holds, and lets it read again if
   * that made room. */
  private recharge(): void {
    const bytes = this.connection.bufferedBytes + this.requestBytes;
    this.context.budget.charge(bytes - this.charged);
    this.charged = bytes;
    this.connection.resumeReading();
  }
}
