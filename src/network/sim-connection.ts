import { ConnectionClosedError, ConnectionResetError } from '../providers/network-errors.js';
import type { Connection } from '../providers/network-provider.js';
import { injectFault } from './faults/inject-fault.js';
import { splitWrite } from './faults/partial-io-faults.js';
import type { NetworkCore } from './network-core.js';
import { Pipe } from './pipe.js';
import type { ReceiveBuffer } from './receive-buffer.js';

/** One end of a simulated TCP connection. `closed` turns true once this end can no longer
 * write: after close() (FIN sent, reading goes on until the peer's FIN) or a reset. */
export class SimConnection implements Connection {
  peer!: SimConnection;
  private finSent = false;
  private resetError: ConnectionResetError | undefined;
  private readonly inbound: ReceiveBuffer;

  private constructor(
    private readonly core: NetworkCore,
    readonly localAddress: string,
    readonly remoteAddress: string,
    private readonly localIp: string,
    private readonly remoteIp: string,
    private readonly outbound: Pipe,
    inbound: Pipe,
  ) {
    this.inbound = inbound.receiver;
  }

  /** Both ends of a new connection, registered for killConnection. */
  static open(core: NetworkCore, client: { ip: string; address: string }, server: { ip: string; address: string }): [SimConnection, SimConnection] {
    const up = new Pipe(core, client.address, server.address, client.ip, server.ip);
    const down = new Pipe(core, server.address, client.address, server.ip, client.ip);
    const a = new SimConnection(core, client.address, server.address, client.ip, server.ip, up, down);
    const b = new SimConnection(core, server.address, client.address, server.ip, client.ip, down, up);
    a.peer = b;
    b.peer = a;
    core.hosts.connections.set(a.key, a);
    core.hosts.connections.set(b.key, b);
    return [a, b];
  }

  get key(): string {
    return `${this.localAddress}|${this.remoteAddress}`;
  }

  get closed(): boolean {
    return this.finSent || this.resetError !== undefined;
  }

  read(): Promise<Uint8Array | null> {
    return this.resetError !== undefined ? Promise.reject(this.resetError) : this.inbound.read();
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!(bytes instanceof Uint8Array)) {
      return Promise.reject(new TypeError(`write() on ${this.localAddress}: expected a Uint8Array (or Buffer), got ${typeof bytes}`));
    }
    // The network keeps its own copy: the caller may reuse its buffer once write() returns
    // (a plain Uint8Array even from a Buffer, whose slice() would be a view, not a copy).
    return this.send(bytes, true);
  }

  /** write() of a plain Uint8Array its writer hands over and never touches again (the
   * transport's frames, built for one write): the network keeps it as it is, uncopied. */
  writeHandedOver(bytes: Uint8Array): Promise<void> {
    return this.send(bytes, false);
  }

  close(): void {
    if (this.closed) return;
    this.core.world.timeline?.connection('close', this.localAddress, this.remoteAddress);
    this.finSent = true;
    this.core.hosts.connections.delete(this.key);
    this.outbound.finish();
  }

  reset(): void {
    if (this.resetError !== undefined) return;
    this.core.world.timeline?.connection('reset', this.localAddress, this.remoteAddress);
    this.abort(new ConnectionResetError(`${this.localAddress} reset its connection to ${this.remoteAddress}`));
    this.sendReset();
  }

  private send(bytes: Uint8Array, copy: boolean): Promise<void> {
    const rejection = this.writeRejection();
    if (rejection !== undefined) return Promise.reject(rejection);
    const fault = this.core.chaos.roll('write');
    if (fault !== undefined && fault !== 'partialWrite') {
      injectFault(this.core, fault, { fromIp: this.localIp, toIp: this.remoteIp, connection: this });
      const lost = this.writeRejection(); // the fault may have closed this end
      if (lost !== undefined) return Promise.reject(lost);
    }
    if (bytes.length === 0) return Promise.resolve();
    const own = copy ? new Uint8Array(bytes) : bytes;
    const pieces = fault === 'partialWrite' ? splitWrite(own, this.core, this.localIp, this.remoteIp) : own;
    this.core.world.timeline?.sent(this.localIp, this.remoteIp, bytes, pieces);
    return this.outbound.send(pieces);
  }

  private writeRejection(): Error | undefined {
    if (this.resetError !== undefined) return this.resetError;
    if (this.finSent) return new ConnectionClosedError(`${this.localAddress} already closed its side towards ${this.remoteAddress}`);
    return undefined;
  }

  private abort(error: ConnectionResetError): void {
    this.resetError = error;
    this.core.hosts.connections.delete(this.key);
    this.outbound.abortSender(error);
    this.inbound.abort(error);
  }

  /** The RST travels like data: it waits out partitions and clogs, then fails the peer. */
  private sendReset(): void {
    const { faults, latency, world } = this.core;
    if (faults.isBlocked(this.localIp, this.remoteIp)) return faults.whenUnblocked(() => this.sendReset());
    world.schedule(latency.sampleMs('delivery', this.localIp, this.remoteIp), 'net-rst', () => {
      if (this.peer.resetError === undefined) {
        this.peer.abort(new ConnectionResetError(`${this.remoteAddress} was reset by its peer ${this.localAddress}`));
      }
    });
  }
}
