import { Inject, TimeProvider, Topology, Workload } from 'moonpool';

@Workload('sleeper')
export class Sleeper {
  constructor(@Inject(TimeProvider) private readonly time: TimeProvider) {}

  async run(): Promise<void> {
    await this.time.sleep(10);
  }
}

@Topology({ name: 'trivial', roles: { sleeper: Sleeper }, layouts: [{ sleeper: 1 }] })
export class Trivial {}
