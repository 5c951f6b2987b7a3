import { AddressInUseError } from '../providers/network-errors.js';
import { NetworkProvider, parseAddress } from '../providers/network-provider.js';
import type { NetworkCore } from './network-core.js';
import { simConnect } from './sim-connect.js';
import type { SimConnection } from './sim-connection.js';
import { SimListener } from './sim-listener.js';

/** The network as one simulated host sees it (get it from SimNetwork.provider(ip)): it listens
 * on its own IP and connects from it with an ephemeral port. */
export class SimNetworkProvider extends NetworkProvider {
  constructor(
    private readonly core: NetworkCore,
    readonly ip: string,
  ) {
    super();
  }

  /** `ip:port` (or `0.0.0.0:port`) on this host; port 0 picks a free ephemeral port. */
  async listen(address: string): Promise<SimListener> {
    const { host, port } = parseAddress(address);
    if (host !== this.ip && host !== '0.0.0.0') {
      throw new RangeError(
        `SimNetworkProvider(${this.ip}).listen("${address}"): a simulated host listens on its own IP only; ` +
          `listen on ${this.ip}:${port} (TopologyInfo.address gives each process its own).`,
      );
    }
    const self = this.core.hosts.ensure(this.ip);
    const chosen = port === 0 ? self.allocatePort((p) => self.listeners.has(p)) : port;
    const bound = `${this.ip}:${chosen}`;
    if (self.listeners.has(chosen)) throw new AddressInUseError(bound);
    const listener = new SimListener(this.core, bound, () => self.listeners.delete(chosen));
    self.listeners.set(chosen, listener);
    return listener;
  }

  async connect(address: string): Promise<SimConnection> {
    return simConnect(this.core, this.core.hosts.ensure(this.ip), address);
  }
}
