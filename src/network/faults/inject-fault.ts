import { invariant } from '../../core/assert.js';
import type { FaultFamily } from '../network-config.js';
import type { NetworkCore } from '../network-core.js';
import type { SimConnection } from '../sim-connection.js';
import { injectConnectionFault } from './connection-faults.js';
import { injectPartition } from './partition-faults.js';

/** Where a rolled fault happened: the hosts of the operation and its connection, if any. */
export interface FaultSite {
  fromIp: string;
  toIp: string;
  connection?: SimConnection;
}

/** Applies a fault that changes the network's state (partitions, clogs, drift, connection
 * kills). The operation-shaped families (partial I/O, bit flips, connect faults) are applied by
 * the operation that rolled them. */
export function injectFault(core: NetworkCore, family: FaultFamily, site: FaultSite): void {
  switch (family) {
    case 'partition':
    case 'isolate':
    case 'oneWayPartition':
      return injectPartition(core, family);
    case 'writeClog':
      core.faults.clogWrites(site.fromIp, core.chaos.durationMs(family));
      return core.chaos.count(family);
    case 'readClog':
      core.faults.clogReads(site.toIp, core.chaos.durationMs(family));
      return core.chaos.count(family);
    case 'clockDrift': {
      const rateMax = core.config.clockDrift.rateMax;
      const ip = core.rng.pick(core.hosts.ips());
      core.drift.drift(ip, core.rng.between(-rateMax, rateMax), core.chaos.durationMs(family));
      return core.chaos.count(family);
    }
    case 'connectionClose':
    case 'connectionReset':
      invariant(site.connection !== undefined, `${family} rolled outside a connection`);
      return injectConnectionFault(core, family, site.connection);
    default:
      invariant(false, `${family} is applied by the operation that rolls it`);
  }
}
