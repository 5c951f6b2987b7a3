import type { Socket } from 'node:net';
import { ConnectionClosedError, ConnectionResetError, type NetworkError } from '../providers/network-errors.js';
import type { Connection } from '../providers/network-provider.js';
import type { ProcessLife } from '../providers/process-life.js';
import { deferred, type Deferred } from './deferred.js';
import { Fifo } from './fifo.js';
import { toNetworkError } from './node-errors.js';

/** A real TCP connection (node:net, half-open allowed): read() pulls what the socket has received
 * from its stream in paused mode, so bytes nobody reads wait in the stream's small buffer (its
 * highWaterMark and one socket read) and then TCP flow control holds the sender back. write()
 * resolves once the socket accepts more (backpressure), close() sends FIN (end()),
 * reset() sends RST (resetAndDestroy()). With a `life` (`--real`), killing it resets the socket
 * (the peer sees ECONNRESET) and no read or write of it settles afterwards. */
export class NodeConnection implements Connection {
  readonly localAddress: string;
  readonly remoteAddress: string;
  private readonly readers = new Fifo<Deferred<Uint8Array | null>>();
  private drainWaiters: Deferred<void>[] = [];
  private ended = false;
  private finSent = false;
  private failure: NetworkError | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly life?: ProcessLife,
  ) {
    this.localAddress = `${socket.localAddress}:${socket.localPort}`;
    this.remoteAddress = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setNoDelay(true);
    socket.on('readable', () => this.serveReaders());
    socket.on('end', () => {
      this.ended = true;
      this.serveReaders();
    });
    socket.on('drain', () => this.settleDrains());
    socket.on('error', (error) => this.fail(toNetworkError(error, this.remoteAddress)));
    socket.on('close', () => {
      // Closed without the peer's FIN and without an error: treat it as a reset.
      if (!this.ended) this.fail(new ConnectionResetError(`${this.remoteAddress} closed without a FIN`));
    });
    if (life !== undefined) socket.once('close', life.onKill(() => socket.resetAndDestroy()));
  }

  get closed(): boolean {
    return this.finSent || this.failure !== undefined;
  }

  read(): Promise<Uint8Array | null> {
    return this.life === undefined ? this.readNow() : this.life.guard(this.readNow());
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.life === undefined ? this.writeNow(bytes) : this.life.guard(this.writeNow(bytes));
  }

  private readNow(): Promise<Uint8Array | null> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.readers.length === 0) {
      const chunk = this.take();
      if (chunk !== null || this.ended) return Promise.resolve(chunk);
    }
    const reader = deferred<Uint8Array | null>();
    this.readers.push(reader);
    return reader.promise;
  }

  private writeNow(bytes: Uint8Array): Promise<void> {
    if (!(bytes instanceof Uint8Array)) {
      return Promise.reject(new TypeError(`write() on ${this.localAddress}: expected a Uint8Array (or Buffer), got ${typeof bytes}`));
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.finSent) return Promise.reject(new ConnectionClosedError(`${this.localAddress} already closed its side towards ${this.remoteAddress}`));
    if (bytes.length === 0) return Promise.resolve();
    // A copy, as in the simulation: the caller may reuse its buffer once write() returns.
    if (this.socket.write(Buffer.from(bytes))) return Promise.resolve();
    const drained = deferred<void>();
    this.drainWaiters.push(drained);
    return drained.promise;
  }

  close(): void {
    if (this.closed) return;
    this.finSent = true;
    this.socket.end();
  }

  /** Whether the socket holds the process open (node:net's ref/unref; toNodeSocket passes them on). */
  ref(): void {
    this.socket.ref();
  }

  unref(): void {
    this.socket.unref();
  }

  reset(): void {
    if (this.failure !== undefined) return;
    this.fail(new ConnectionResetError(`${this.localAddress} reset its connection to ${this.remoteAddress}`));
    this.socket.resetAndDestroy();
  }

  /** What the socket has received, or null if nothing: at most its highWaterMark and one
   * read's worth. (A size would raise the highWaterMark to it.) */
  private take(): Uint8Array | null {
    if (this.socket.readableLength > 0) return this.socket.read() as Buffer;
    // Nothing buffered: read(0) asks for more, and lets a stream at its FIN emit 'end'.
    this.socket.read(0);
    return null;
  }

  private serveReaders(): void {
    while (this.readers.length > 0) {
      const chunk = this.take();
      if (chunk === null && !this.ended) return;
      (this.readers.shift() as Deferred<Uint8Array | null>).resolve(chunk);
    }
  }

  private settleDrains(): void {
    for (const waiter of this.drainWaiters) waiter.resolve();
    this.drainWaiters = [];
  }

  /** The first failure wins; every pending and later operation rejects with it. */
  private fail(error: NetworkError): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    for (const reader of this.readers.drain()) reader.reject(error);
    for (const waiter of this.drainWaiters) waiter.reject(error);
    this.drainWaiters = [];
  }
}
