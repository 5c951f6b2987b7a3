// A small echo topology for the RSS bench: a transport server and a client making five requests,
// so a leak anywhere in world, network, transport or registry grows with the seed count.
import {
  ClientTransport, Inject, NetworkProvider, ServerTransport, StateRegistry, Topology, TopologyInfo, Workload,
} from 'moonpool';

@Workload('echo-server', { service: true })
export class EchoServer {
  constructor(
    @Inject(NetworkProvider) private readonly network: NetworkProvider,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
  ) {}

  async run(): Promise<void> {
    const server = await ServerTransport.listen<number, number>(this.network, this.topology.address);
    void this.topology.shutdown.then(() => server.close());
    for (let m = await server.tryNextMessage(); m !== null; m = await server.tryNextMessage()) m.respond(m.request);
  }
}

@Workload('echo-client')
export class EchoClient {
  constructor(
    @Inject(NetworkProvider) private readonly network: NetworkProvider,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
    @Inject(StateRegistry) private readonly state: StateRegistry,
  ) {}

  async run(): Promise<void> {
    const client = await ClientTransport.connect<number, number>(this.network, this.topology.peers('server')[0]);
    for (let i = 0; i < 5; i++) this.state.set('echoed', await client.request(i, { timeoutMs: 1_000 }));
    client.close();
  }
}

@Topology({ name: 'rss-echo', roles: { server: EchoServer, client: EchoClient }, layouts: [{ server: 1, client: 1 }], network: 'perfect' })
export class RssEcho {}
