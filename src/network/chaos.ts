import { FaultRoller } from '../core/fault-roller.js';
import type { FaultLog } from '../core/fault-log.js';
import type { RngStream } from '../core/rng.js';
import { drawInRange } from './latency.js';
import { FAULT_FAMILIES, OP_FAULT_FAMILIES, type FaultFamily, type NetworkConfig, type NetworkOp } from './network-config.js';

/** Decides the network's random faults from the network stream (see FaultRoller). */
export class Chaos extends FaultRoller<FaultFamily, NetworkOp> {
  constructor(
    private readonly config: NetworkConfig,
    rng: RngStream,
    log: FaultLog,
  ) {
    super(FAULT_FAMILIES, OP_FAULT_FAMILIES, config.faults, rng, log);
  }

  durationMs(family: FaultFamily): number {
    return drawInRange(this.config.faults[family].durationMs, this.rng);
  }
}
