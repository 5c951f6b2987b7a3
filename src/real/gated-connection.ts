import type { FaultState } from '../network/fault-state.js';
import { Fifo } from '../network/fifo.js';
import type { NodeConnection } from '../network/node-connection.js';
import { ConnectionClosedError } from '../providers/network-errors.js';
import type { Connection } from '../providers/network-provider.js';
import type { ProcessLife } from '../providers/process-life.js';

/** The FIN, queued behind the bytes written before close(). */
const FIN = null;

/**
 * The end of a --real connection that its process opened, under the run's scripted faults:
 * what it writes waits while bytes cannot go from its process to the peer's, what it reads
 * while they cannot come back, both in order and never lost (as TCP retransmits through a
 * partition). Held writes resolve at once, as bytes taken into a send buffer do. Like every
 * operation of its incarnation, none settles once `life` is killed.
 */
export class GatedConnection implements Connection {
  private readonly held = new Fifo<Uint8Array | typeof FIN>();
  private finHeld = false;
  private pumping = false;

  constructor(
    private readonly inner: Connection,
    private readonly faults: FaultState,
    /** This end's process and the peer's. */
    private readonly from: string,
    private readonly to: string,
    private readonly life: ProcessLife,
  ) {}

  get localAddress(): string {
    return this.inner.localAddress;
  }

  get remoteAddress(): string {
    return this.inner.remoteAddress;
  }

  get closed(): boolean {
    return this.finHeld || this.inner.closed;
  }

  read(): Promise<Uint8Array | null> {
    return this.life.guard(this.readOpen());
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.finHeld) {
      return this.life.guard(Promise.reject(new ConnectionClosedError(`${this.localAddress} already closed its side towards ${this.remoteAddress}`)));
    }
    // A closed end or a wrong argument: the connection's own error.
    if (this.inner.closed || !(bytes instanceof Uint8Array)) return this.inner.write(bytes);
    if (this.held.length === 0 && !this.faults.isBlocked(this.from, this.to)) return this.inner.write(bytes);
    // A copy: the caller may reuse its buffer once write() returns.
    this.held.push(bytes.slice());
    this.pump();
    return this.life.guard(Promise.resolve());
  }

  close(): void {
    if (this.closed) return;
    if (this.held.length === 0 && !this.faults.isBlocked(this.from, this.to)) return this.inner.close();
    this.finHeld = true;
    this.held.push(FIN);
    this.pump();
  }

  /** The real socket's ref/unref (see NodeConnection). */
  ref(): void {
    (this.inner as Partial<NodeConnection>).ref?.();
  }

  unref(): void {
    (this.inner as Partial<NodeConnection>).unref?.();
  }

  reset(): void {
    this.held.drain();
    this.finHeld = false;
    this.inner.reset();
  }

  private async readOpen(): Promise<Uint8Array | null> {
    const bytes = await this.inner.read();
    await this.opened(this.to, this.from);
    return bytes;
  }

  private opened(from: string, to: string): Promise<void> {
    return new Promise((resolve) => {
      const attempt = () => (this.faults.isBlocked(from, to) ? this.faults.whenUnblocked(attempt) : resolve());
      attempt();
    });
  }

  /** Hands held bytes (then the FIN) to the socket while the way is open. */
  private readonly pump = (): void => {
    if (this.pumping) return;
    this.pumping = true;
    while (this.held.length > 0) {
      if (this.faults.isBlocked(this.from, this.to)) {
        this.faults.whenUnblocked(() => {
          this.pumping = false;
          this.pump();
        });
        return;
      }
      const bytes = this.held.shift() as Uint8Array | typeof FIN;
      if (bytes === FIN) {
        this.finHeld = false;
        this.inner.close();
      } else {
        // A failure shows in the next read or write, as on any socket.
        this.inner.write(bytes).catch(() => undefined);
      }
    }
    this.pumping = false;
  };
}
