import {
  Inject, NetworkProvider, ServerTransport, StateRegistry, TimeProvider, TopologyInfo, Workload, alwaysAssert, buggify,
} from 'moonpool';
import { serverKey, type Ping, type Pong, type ServerStats } from './messages.js';

/** Answers every ping with a pong until the topology shuts down (or this server is stopped:
 * attrition reboots servers, and a crash can leave pings received but never answered). */
@Workload('ping-server', { service: true })
export class PingServer {
  private readonly stats: ServerStats;

  constructor(
    @Inject(NetworkProvider) private readonly network: NetworkProvider,
    @Inject(TimeProvider) private readonly time: TimeProvider,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
    @Inject(StateRegistry) private readonly state: StateRegistry,
  ) {
    this.stats = { address: topology.address, pingsReceived: 0, pongsSent: 0, inTransit: 0, receivedFrom: {} };
  }

  private publish(): void {
    this.state.set(serverKey(this.topology.address, this.topology.incarnation), this.stats);
  }

  async run(): Promise<void> {
    this.publish();
    const server = await ServerTransport.listen<Ping, Pong>(this.network, this.topology.address);
    void this.topology.shutdown.then(() => server.close());
    for (let message = await server.tryNextMessage(); message !== null; message = await server.tryNextMessage()) {
      const ping = message.request;
      alwaysAssert(typeof ping.client === 'string' && Number.isInteger(ping.seq), () => `malformed ping ${JSON.stringify(ping)}`);
      this.stats.pingsReceived++;
      this.stats.inTransit++;
      this.stats.receivedFrom[ping.client] = (this.stats.receivedFrom[ping.client] ?? 0) + 1;
      this.publish();
      // A slow server under buggify: replies arrive late and requests time out.
      if (buggify(0.2)) await this.time.sleep(50 + (ping.seq % 7) * 100);
      message.respond({ server: this.topology.address, client: ping.client, seq: ping.seq });
      this.stats.inTransit--;
      this.stats.pongsSent++;
      this.publish();
    }
  }
}
