import { isIPv6 } from 'node:net';
import { Duplex } from 'node:stream';
import { TIMER_MS_MAX } from '../core/node-delay.js';
import { parseAddress, type Connection } from '../providers/network-provider.js';
import { errnoError } from './errno-error.js';
import { checkConnection } from './provider-checks.js';
import { SocketWorld, TIMER_SLACK_MS, type SocketTimer } from './socket-world.js';

export interface NodeSocketOptions {
  /** Keep the writable side open after the peer's FIN, as net.Socket's option (default false:
   * the socket ends its side too). */
  allowHalfOpen?: boolean;
}

/** A connection that can hold its process open (a real socket): `ref`/`unref` pass through. */
interface Referable {
  ref(): void;
  unref(): void;
}

function referable(connection: Connection): connection is Connection & Referable {
  const candidate = connection as Partial<Referable>;
  return typeof candidate.ref === 'function' && typeof candidate.unref === 'function';
}

/** How long a closed socket waits for the peer's FIN, reading and resetting on any byte, before
 * it resets the connection: Linux's tcp_fin_timeout for an orphaned socket. */
const FIN_WAIT_MS_MAX = 60_000;

type WriteCallback = (error?: Error | null) => void;

/**
 * A provider connection as a connected `net.Socket` for the APIs node:http and common stream
 * protocols use (see toNodeSocket). Reading is pulled: a read of the connection is pending only
 * while the stream wants more, so a paused socket leaves bytes in the provider and the peer's
 * writes wait (backpressure both ways). Its timers run on the world it was made in
 * (SocketWorld).
 */
export class NodeSocket extends Duplex {
  connecting: boolean;
  remoteAddress: string | undefined = undefined;
  remotePort: number | undefined = undefined;
  remoteFamily: string | undefined = undefined;
  localAddress: string | undefined = undefined;
  localPort: number | undefined = undefined;
  localFamily: string | undefined = undefined;
  /** What setTimeout() last set, as net.Socket's (undefined until then). */
  timeout: number | undefined = undefined;
  bytesRead = 0;
  bytesWritten = 0;
  private connection: Connection | undefined = undefined;
  private readonly world = SocketWorld.current();
  private readonly peer: string | undefined;
  private reading = false;
  private readWanted = false;
  /** Writes and the FIN asked for while connecting, run once connected. */
  private readonly whenConnected: (() => void)[] = [];
  private timeoutMs = 0;
  private lastActiveMs = 0;
  private timer: SocketTimer | undefined = undefined;
  /** When `timer` goes off. */
  private timerAtMs = 0;
  private referenced = true;
  private resetOnDestroy = false;
  private endedByPeer = false;
  private finWait: SocketTimer | undefined = undefined;

  /** `connection`, or one being made (`peer` names its address for errors): the socket is
   * `connecting` until it arrives, and fails with the connect error. */
  constructor(connection: Connection | Promise<Connection>, options: NodeSocketOptions = {}, peer?: string) {
    super({ allowHalfOpen: options.allowHalfOpen ?? false, emitClose: false, autoDestroy: true, decodeStrings: true });
    this.peer = peer;
    this.on('end', () => {
      if (!this.allowHalfOpen) this.endedByPeer = true;
    });
    if (connection instanceof Promise) {
      this.connecting = true;
      connection.then(
        (made) => this.onConnect(made),
        (error: unknown) => this.onConnectError(error),
      );
    } else {
      this.connecting = false;
      this.attach(connection);
    }
  }

  get pending(): boolean {
    return this.connection === undefined || this.connecting;
  }

  get readyState(): 'opening' | 'open' | 'readOnly' | 'writeOnly' | 'closed' {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable) return 'readOnly';
    if (this.writable) return 'writeOnly';
    return 'closed';
  }

  address(): { address: string; family: string; port: number } | Record<string, never> {
    if (this.localAddress === undefined) return {};
    return { address: this.localAddress, family: this.localFamily as string, port: this.localPort as number };
  }

  /** The idle timeout, in the socket's world: 'timeout' is emitted after `ms` without a byte read
   * or written (the socket stays open). 0 turns it off. */
  setTimeout(ms: number, callback?: () => void): this {
    if (this.destroyed) return this;
    if (typeof ms !== 'number' || !(ms >= 0 && ms <= TIMER_MS_MAX)) {
      throw Object.assign(new RangeError(`The value of "msecs" is out of range. It must be a number from 0 to ${TIMER_MS_MAX}. Received ${String(ms)}`), {
        code: 'ERR_OUT_OF_RANGE',
      });
    }
    this.timeout = ms;
    this.timeoutMs = ms;
    if (ms === 0) {
      if (callback !== undefined) this.removeListener('timeout', callback);
      return this;
    }
    this.lastActiveMs = this.world.nowMs();
    // node:http turns a server connection's timeout off and on around every request: a timer
    // already set to go off no later than the new deadline stays, and moves on when it does.
    if (this.timer !== undefined && this.timerAtMs > this.lastActiveMs + ms) this.cancelTimer();
    if (this.timer === undefined) this.armTimer(ms);
    if (callback !== undefined) this.once('timeout', callback);
    return this;
  }

  /** No Nagle delay to turn off in the simulation; a real connection already sends at once. */
  setNoDelay(_noDelay?: boolean): this {
    return this;
  }

  /** Accepted for compatibility; TCP keep-alive probes are not modelled. */
  setKeepAlive(_enable?: boolean, _initialDelayMs?: number): this {
    return this;
  }

  /** A real connection keeps its process alive while referenced; the simulation has no event
   * loop to hold open. */
  ref(): this {
    this.referenced = true;
    if (this.connection !== undefined && referable(this.connection)) this.connection.ref();
    return this;
  }

  unref(): this {
    this.referenced = false;
    if (this.connection !== undefined && referable(this.connection)) this.connection.unref();
    return this;
  }

  /** Activity, as net.Socket's: restarts the idle timeout. */
  _unrefTimer(): void {
    this.touch();
  }

  /** Ends the writable side, then destroys the socket once it finished (net.Socket's). */
  destroySoon(): void {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', () => this.destroy());
  }

  /** Destroys the socket with a reset (RST) instead of a close. */
  resetAndDestroy(): this {
    this.resetOnDestroy = true;
    return this.destroy();
  }

  // Write after the peer's FIN on a socket that is not half-open: net.Socket's EPIPE.
  override write(chunk: unknown, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean {
    if (!this.endedByPeer || !this.writableEnded) return super.write(chunk, encoding as BufferEncoding, callback);
    const error = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done !== undefined) process.nextTick(done, error);
    this.destroy(error);
    return false;
  }

  override _read(): void {
    this.readWanted = true;
    const connection = this.connection;
    if (connection === undefined || this.reading) return;
    this.reading = true;
    connection.read().then(this.onChunk, this.onReadError);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: WriteCallback): void {
    this.send(chunk, callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: WriteCallback): void {
    this.send(chunks.length === 1 ? chunks[0].chunk : Buffer.concat(chunks.map((c) => c.chunk)), callback);
  }

  /** One write of the connection (the stream hands over one at a time); `callback` once the
   * provider's send buffer took it. */
  private send(chunk: Buffer, callback: WriteCallback): void {
    const connection = this.connection;
    if (connection === undefined) {
      this.whenConnected.push(() => this.send(chunk, callback));
      return;
    }
    this.touch();
    this.bytesWritten += chunk.length;
    connection.write(chunk).then(
      () => {
        this.touch();
        callback();
      },
      (error: unknown) => callback(errnoError(error, 'write') as Error),
    );
  }

  override _final(callback: WriteCallback): void {
    const connection = this.connection;
    if (connection === undefined) {
      this.whenConnected.push(() => this._final(callback));
      return;
    }
    connection.close();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.cancelTimer();
    this.connecting = false;
    const connection = this.connection;
    if (connection !== undefined) {
      if (this.resetOnDestroy) connection.reset();
      else this.closeLikeTheKernel(connection);
    }
    callback(error);
    process.nextTick(() => this.emit('close', error !== null && error !== undefined));
  }

  private attach(connection: Connection): void {
    this.connection = connection;
    const local = parseAddress(connection.localAddress);
    const remote = parseAddress(connection.remoteAddress);
    this.localAddress = local.host;
    this.localPort = local.port;
    this.localFamily = isIPv6(local.host) ? 'IPv6' : 'IPv4';
    this.remoteAddress = remote.host;
    this.remotePort = remote.port;
    this.remoteFamily = isIPv6(remote.host) ? 'IPv6' : 'IPv4';
    if (!this.referenced && referable(connection)) connection.unref();
  }

  private onConnect(connection: Connection): void {
    // Destroyed while connecting: the connection that came too late is abandoned.
    if (this.destroyed) return connection.reset();
    this.attach(connection);
    this.connecting = false;
    this.touch();
    this.world.guard(() => {
      this.emit('connect');
      this.emit('ready');
    });
    for (const next of this.whenConnected.splice(0)) next();
    if (this.readWanted) this._read();
  }

  private onConnectError(error: unknown): void {
    if (this.destroyed) return;
    this.destroy(errnoError(error, 'connect', this.peer) as Error);
  }

  private readonly onChunk = (chunk: Uint8Array | null): void => {
    this.reading = false;
    if (this.destroyed) return this.afterClose(chunk);
    this.readWanted = false;
    if (chunk === null) {
      this.world.guard(() => this.push(null));
      return;
    }
    this.bytesRead += chunk.length;
    this.touch();
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.world.guard(() => this.push(buffer));
  };

  private readonly onReadError = (error: unknown): void => {
    this.reading = false;
    this.finWait?.cancel();
    if (!this.destroyed) this.destroy(errnoError(error, 'read') as Error);
  };

  /**
   * Closing a socket as Linux does on close(): a FIN after what was written, unless bytes came in
   * that nobody read, which reset the connection instead; bytes arriving later reset it too, and
   * a peer that never sends its FIN is reset after FIN_WAIT_MS_MAX.
   */
  private closeLikeTheKernel(connection: Connection): void {
    if (this.readableEnded) return connection.close();
    this.finWait = this.world.after(FIN_WAIT_MS_MAX, () => connection.reset());
    // A read pending now found nothing buffered: FIN. Otherwise bytes already received come
    // back from this read at once, before the microtask below (its reaction is queued first).
    if (this.reading) return connection.close();
    this.readAfterClose(connection);
    queueMicrotask(() => {
      if (this.finWait !== undefined) connection.close();
    });
  }

  private readAfterClose(connection: Connection): void {
    this.reading = true;
    connection.read().then(this.onChunk, this.onReadError);
  }

  /** What a read brought after the socket was destroyed (see closeLikeTheKernel). */
  private afterClose(chunk: Uint8Array | null): void {
    const finWait = this.finWait;
    if (finWait === undefined) return;
    const connection = this.connection as Connection;
    if (chunk !== null && chunk.length === 0) return this.readAfterClose(connection);
    finWait.cancel();
    this.finWait = undefined;
    if (chunk === null) connection.close();
    else connection.reset();
  }

  private touch(): void {
    if (this.timeoutMs === 0) return;
    this.lastActiveMs = this.world.nowMs();
    if (this.timer === undefined) this.armTimer(this.timeoutMs);
  }

  private armTimer(delayMs: number): void {
    this.timerAtMs = this.world.nowMs() + delayMs;
    this.timer = this.world.after(delayMs, this.onTimer);
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  // Activity only moves the deadline (and setTimeout(0) only clears timeoutMs): the timer finds
  // out when it goes off.
  private readonly onTimer = (): void => {
    this.timer = undefined;
    if (this.destroyed || this.timeoutMs === 0) return;
    const leftMs = this.timeoutMs - (this.world.nowMs() - this.lastActiveMs);
    if (leftMs > TIMER_SLACK_MS) return this.armTimer(leftMs);
    this.world.guard(() => this.emit('timeout'));
  };
}

/**
 * `connection` as a connected `net.Socket` (a `stream.Duplex`) for code written against node:net
 * sockets: node:http (`server.emit('connection', socket)`, an Agent's createConnection) and other
 * stream protocols. It has remoteAddress/remotePort/localAddress/localPort and their families,
 * address(), setNoDelay, setKeepAlive, setTimeout (on simulated time in a seed), ref/unref,
 * destroySoon and resetAndDestroy; end() sends a FIN; destroy() closes as Linux does (a FIN,
 * or a reset when bytes were left unread); resetAndDestroy() resets. Errors carry node:net's
 * codes (ECONNRESET, EPIPE, ECONNREFUSED, ETIMEDOUT) in 'error', then 'close' with `hadError`.
 */
export function toNodeSocket(connection: Connection, options?: NodeSocketOptions): NodeSocket {
  checkConnection(connection);
  return new NodeSocket(connection, options);
}
