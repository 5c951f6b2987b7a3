// The topology of the reboot-cost bench: a nemesis crashes the RSS bench's idle echo service
// REBOOTS times, waiting each time until its new incarnation is up.
import { Inject, ProcessFaults, Topology, TopologyInfo, Workload } from 'moonpool';
import { EchoServer } from './rss-topology.js';

export const REBOOTS = 2_000;

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

@Topology({ name: 'reboot-loop', roles: { server: EchoServer, nemesis: RebootNemesis }, layouts: [{ server: 1, nemesis: 1 }], network: 'perfect' })
export class RebootLoop {}
