// Small workloads the runSeed tests share: an echo service and a client over the simulated
// network, each registering progress in the StateRegistry.
import { StateRegistry } from '../chaos/state-registry.js';
import type { Connection, Listener } from '../providers/network-provider.js';
import { NetworkProvider } from '../providers/network-provider.js';
import { RandomProvider } from '../providers/random-provider.js';
import { TaskProvider } from '../providers/task-provider.js';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Workload } from '../model/decorators.js';
import { TopologyInfo } from '../model/topology-info.js';

/** Addresses and peers each process saw, for the topology-info test. */
export const seenTopology: { role: string; index: number; address: string; servers: string[] }[] = [];

async function echo(conn: Connection): Promise<void> {
  for (;;) {
    const bytes = await conn.read();
    if (bytes === null) return conn.close();
    await conn.write(bytes);
  }
}

@Workload('echo-server', { service: true })
export class EchoServer {
  private listener: Listener | undefined;

  constructor(
    @Inject(NetworkProvider) private readonly net: NetworkProvider,
    @Inject(TopologyInfo) private readonly info: TopologyInfo,
    @Inject(TaskProvider) private readonly tasks: TaskProvider,
  ) {}

  async setup(): Promise<void> {
    this.listener = await this.net.listen(this.info.address);
    seenTopology.push({ role: this.info.role, index: this.info.index, address: this.info.address, servers: this.info.peers('server') });
  }

  async run(): Promise<void> {
    const listener = this.listener!;
    void this.info.shutdown.then(() => listener.close());
    for (let n = 0; ; n++) {
      const conn = await listener.accept().catch(() => undefined);
      if (conn === undefined) return; // closed on shutdown
      this.tasks.spawn(`conn-${n}`, () => echo(conn).catch(() => conn.reset()));
    }
  }
}

@Workload('echo-client')
export class EchoClient {
  readonly replies: number[] = [];

  constructor(
    @Inject(NetworkProvider) private readonly net: NetworkProvider,
    @Inject(TopologyInfo) private readonly info: TopologyInfo,
    @Inject(TimeProvider) private readonly time: TimeProvider,
    @Inject(RandomProvider) private readonly random: RandomProvider,
    @Inject(StateRegistry) private readonly registry: StateRegistry,
  ) {}

  async run(): Promise<void> {
    seenTopology.push({ role: this.info.role, index: this.info.index, address: this.info.address, servers: this.info.peers('server') });
    const servers = this.info.peers('server');
    const conn = await this.net.connect(servers[this.info.index % servers.length]);
    for (let i = 0; i < 3; i++) {
      await this.time.sleep(this.random.int(1, 20));
      await conn.write(Uint8Array.of(this.info.index, i));
      const reply = await conn.read();
      this.replies.push(reply?.[1] ?? -1);
      this.registry.set(this.info.address, { replies: this.replies.length });
    }
    conn.close();
  }

  check(): void {
    if (this.replies.join() !== '0,1,2') throw new Error(`replies ${this.replies.join()}`);
  }
}
