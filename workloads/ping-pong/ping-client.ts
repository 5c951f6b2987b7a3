import {
  ClientTransport, Inject, MaybeDeliveredError, NetworkProvider, RandomProvider, RequestTimeoutError, StateRegistry,
  TimeProvider, TopologyInfo, Workload, alwaysAssert, buggify, sometimesAssert,
} from 'moonpool';
import { clientKey, type ClientStats, type Ping, type Pong } from './messages.js';

/** Pings each client sends in the safety phase (bursts may overshoot by a few). */
const REQUESTS = 100;
const REQUEST_TIMEOUT_MS = 2_000;

/** An autonomous client: random pings, waits, server switches and (under buggify) bursts. */
@Workload('ping-client')
export class PingClient {
  private readonly stats: ClientStats;
  private readonly clients = new Map<string, ClientTransport<Ping, Pong>>();
  private seq = 0;

  constructor(
    @Inject(NetworkProvider) private readonly network: NetworkProvider,
    @Inject(TimeProvider) private readonly time: TimeProvider,
    @Inject(RandomProvider) private readonly random: RandomProvider,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
    @Inject(StateRegistry) private readonly state: StateRegistry,
  ) {
    const id = `${topology.address}/${topology.incarnation}`;
    this.stats = { id, pingsSent: 0, pongsReceived: 0, inTransit: 0, abandoned: 0, sentTo: {}, receivedFrom: {} };
  }

  private publish(): void {
    this.state.set(clientKey(this.topology.address, this.topology.incarnation), this.stats);
  }

  private async client(server: string): Promise<ClientTransport<Ping, Pong>> {
    let client = this.clients.get(server);
    if (client === undefined) {
      client = await ClientTransport.connect<Ping, Pong>(this.network, server, { backoffMsMin: 10, backoffMsMax: 1_000 });
      this.clients.set(server, client);
    }
    return client;
  }

  /** One ping; true when its own pong came back. */
  private async ping(server: string): Promise<boolean> {
    const ping: Ping = { client: this.stats.id, seq: this.seq++ };
    const client = await this.client(server);
    this.stats.pingsSent++;
    this.stats.inTransit++;
    this.stats.sentTo[server] = (this.stats.sentTo[server] ?? 0) + 1;
    this.publish();
    try {
      const pong = await client.request(ping, { timeoutMs: REQUEST_TIMEOUT_MS });
      alwaysAssert(pong.seq === ping.seq && pong.client === ping.client && pong.server === server,
        () => `pong ${JSON.stringify(pong)} answers ping ${JSON.stringify(ping)} to ${server}: correlation mix-up`);
      this.stats.pongsReceived++;
      this.stats.receivedFrom[server] = (this.stats.receivedFrom[server] ?? 0) + 1;
      return true;
    } catch (error) {
      sometimesAssert(error instanceof RequestTimeoutError, 'a ping timed out');
      sometimesAssert(error instanceof MaybeDeliveredError, 'a ping was maybe delivered');
      this.stats.abandoned++;
      return false;
    } finally {
      this.stats.inTransit--;
      this.publish();
    }
  }

  async run(): Promise<void> {
    this.publish();
    const servers = this.topology.peers('server');
    let server = this.random.pick(servers);
    while (this.stats.pingsSent < REQUESTS) {
      const choice = this.random.int(0, 9);
      if (choice < 6) await this.ping(server);
      else if (choice < 8) await this.time.sleep(this.random.int(0, 50));
      else if (choice < 9) server = this.random.pick(servers);
      else if (buggify(0.5)) {
        const size = this.random.int(2, 10);
        await Promise.all(Array.from({ length: size }, () => this.ping(server)));
        sometimesAssert(size >= 5, 'a burst of five or more pings');
      }
    }
    const reconnects = [...this.clients.values()].reduce((sum, c) => sum + c.stats().reconnects, 0);
    sometimesAssert(reconnects > 0, 'a client reconnected');
  }

  /** Liveness: once faults stop, every server answers again. */
  async check(): Promise<void> {
    for (const server of this.topology.peers('server')) {
      let answered = false;
      for (let attempt = 0; attempt < 20 && !answered; attempt++) {
        answered = await this.ping(server);
        if (!answered) await this.time.sleep(100);
      }
      alwaysAssert(answered, `${server} never answered ${this.topology.address} after the network healed`);
    }
    for (const client of this.clients.values()) client.close();
  }
}
