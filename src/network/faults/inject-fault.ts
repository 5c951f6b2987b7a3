import { invariant } from '../../core/assert.js';
import type { FaultFamily } from '../network-config.js';
import type { NetworkCore } from '../network-core.js';
import type { SimConnection } from '../sim-connection.js';
import { injectConnectionFault } from './connection-faults.js';
import { injectPartition } from './partition-faults.js';
import { formatMs } from '../../core/format-ms.js';

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
    case 'writeClog': {
      const durationMs = core.chaos.durationMs(family);
      if (core.chaos.admit(family, site.fromIp, () => `writeClog ${site.fromIp} for ${formatMs(durationMs)}`, durationMs)) core.faults.clogWrites(site.fromIp, durationMs);
      return;
    }
    case 'readClog': {
      const durationMs = core.chaos.durationMs(family);
      if (core.chaos.admit(family, site.toIp, () => `readClog ${site.toIp} for ${formatMs(durationMs)}`, durationMs)) core.faults.clogReads(site.toIp, durationMs);
      return;
    }
    case 'clockDrift': {
      const rateMax = core.config.clockDrift.rateMax;
      const ip = core.rng.pick(core.hosts.ips());
      const rate = core.rng.between(-rateMax, rateMax);
      const durationMs = core.chaos.durationMs(family);
      if (core.chaos.admit(family, ip, () => `clockDrift ${ip} rate ${rate.toFixed(4)} for ${formatMs(durationMs)}`, durationMs)) core.drift.drift(ip, rate, durationMs);
      return;
    }
    case 'connectionClose':
    case 'connectionReset':
      invariant(site.connection !== undefined, `${family} rolled outside a connection`);
      return injectConnectionFault(core, family, site.connection);
    default:
      invariant(false, `${family} is applied by the operation that rolls it`);
  }
}
