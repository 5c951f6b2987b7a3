import { createHttpServer, Inject, NetworkProvider, StateRegistry, TopologyInfo, Workload } from 'moonpool';
import { kvHandler } from './kv-handler.js';
import { SERVER_KEY, type ServerRecord } from './messages.js';

/** The key-value service: its node:http listener served through the process's NetworkProvider. */
@Workload('http-kv-server', { service: true })
export class KvServer {
  private readonly record: ServerRecord = { entries: {}, served: 0 };

  constructor(
    @Inject(NetworkProvider) private readonly network: NetworkProvider,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
    @Inject(StateRegistry) private readonly state: StateRegistry,
  ) {}

  async run(): Promise<void> {
    const publish = () => this.state.set(SERVER_KEY, this.record);
    publish();
    const server = await createHttpServer(this.network, this.topology.address, kvHandler(this.record, publish), { keepAliveTimeout: 2_000 });
    await this.topology.shutdown;
    await server.close();
  }
}
