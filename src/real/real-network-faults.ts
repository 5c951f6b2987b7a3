import type { NetworkCore } from '../network/network-core.js';
import { ScriptedFaults } from '../network/scripted-faults.js';

function unsupported(what: string): never {
  throw new Error(
    `NetworkFaults.${what} is not supported in --real: the processes talk over real sockets on 127.0.0.1, which moonpool ` +
      'cannot partition, clog or kill from outside. Scripted network faults run in simulation only; in a real run, ' +
      'stop processes with ProcessFaults instead, or catch this error in the nemesis to skip the fault.',
  );
}

/** NetworkFaults of a --real run: injectable, so a nemesis written for the simulation still
 * constructs, but every fault throws a clear error (heal() has nothing to heal and returns). */
export class RealNetworkFaults extends ScriptedFaults {
  constructor() {
    super(undefined as unknown as NetworkCore);
  }

  override partition(): void {
    unsupported('partition');
  }

  override isolate(): void {
    unsupported('isolate');
  }

  override partitionOneWay(): void {
    unsupported('partitionOneWay');
  }

  override heal(): void {}

  override clogHost(): void {
    unsupported('clogHost');
  }

  override clogPair(): void {
    unsupported('clogPair');
  }

  override killConnection(): void {
    unsupported('killConnection');
  }
}
