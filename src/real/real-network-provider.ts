import { NetworkProvider, type Connection, type Listener } from '../providers/network-provider.js';
import { NodeNetworkProvider } from '../network/node-network-provider.js';
import type { ProcessLife } from '../providers/process-life.js';
import { GatedConnection } from './gated-connection.js';
import type { RealNetwork } from './real-network.js';

/** The network as one incarnation of a --real process sees it: real TCP over 127.0.0.1, killed
 * with the incarnation (NodeNetworkProvider), under the run's scripted faults. */
export class RealNetworkProvider extends NetworkProvider {
  private readonly node: NodeNetworkProvider;

  constructor(
    private readonly network: RealNetwork,
    /** This process's address. */
    private readonly host: string,
    private readonly life: ProcessLife,
  ) {
    super();
    this.node = new NodeNetworkProvider(life);
  }

  async listen(address: string): Promise<Listener> {
    const listener = await this.node.listen(address);
    return {
      address: listener.address,
      accept: async () => {
        const connection = await listener.accept();
        this.network.track(connection);
        return connection;
      },
      close: () => listener.close(),
    };
  }

  /** Waits out a partition between the two processes (as a SYN is retransmitted), then
   * connects; this end holds the bytes faults stop, both ways. */
  async connect(address: string): Promise<Connection> {
    const peer = this.network.hostOf(address) ?? address;
    await this.life.guard(this.network.open(this.host, peer));
    const connection = new GatedConnection(await this.node.connect(address), this.network.faults, this.host, peer, this.life);
    this.network.track(connection);
    return connection;
  }
}
