// The topology of the reboot-cost bench: a nemesis crashes an idle echo service REBOOTS times,
// waiting each time until its new incarnation is up.
import { Inject, ProcessFaults, ServerTransport, NetworkProvider, Topology, TopologyInfo, Workload } from '../src/index.js';

export const REBOOTS = 2_000;

@Workload('idle-echo', { service: true })
export class IdleEcho {
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

@Workload('reboot-nemesis')
export class RebootNemesis {
  constructor(
    @Inject(ProcessFaults) private readonly faults: ProcessFaults,
    @Inject(TopologyInfo) private readonly topology: TopologyInfo,
  ) {}

  async run(): Promise<void> {
    const target = this.topology.peers('server')[0];
    for (let i = 0; i < REBOOTS; i++) await this.faults.reboot(target, 'crash', { downMs: 10 });
  }
}

@Topology({ name: 'reboot-loop', roles: { server: IdleEcho, nemesis: RebootNemesis }, layouts: [{ server: 1, nemesis: 1 }], network: 'perfect' })
export class RebootLoop {}
