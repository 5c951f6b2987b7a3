import type { Waiter } from '../core/waiter.js';
import { ListenerClosedError } from '../providers/network-errors.js';
import type { Listener } from '../providers/network-provider.js';
import { Fifo } from './fifo.js';
import type { NetworkCore } from './network-core.js';
import type { SimConnection } from './sim-connection.js';

/** A simulated listening socket: arriving connections queue until accept() takes them. */
export class SimListener implements Listener {
  private readonly backlog = new Fifo<SimConnection>();
  private readonly acceptors = new Fifo<Waiter<SimConnection>>();
  private open = true;

  constructor(
    private readonly core: NetworkCore,
    readonly address: string,
    private readonly unregister: () => void,
  ) {}

  get isOpen(): boolean {
    return this.open;
  }

  accept(): Promise<SimConnection> {
    if (!this.open) return Promise.reject(new ListenerClosedError(this.address));
    const ready = this.backlog.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    const waiter = this.core.world.waiter<SimConnection>(`accept(${this.address})`);
    this.acceptors.push(waiter);
    return waiter.promise;
  }

  /** A connection finished its handshake; a closed listener resets it instead. */
  enqueue(connection: SimConnection): void {
    if (!this.open) return connection.reset();
    const acceptor = this.acceptors.shift();
    if (acceptor !== undefined) acceptor.resolve(connection);
    else this.backlog.push(connection);
  }

  /** Stops listening: pending accepts reject, queued connections are reset, the port is free. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.unregister();
    for (const acceptor of this.acceptors.drain()) acceptor.reject(new ListenerClosedError(this.address));
    for (const connection of this.backlog.drain()) connection.reset();
  }
}
