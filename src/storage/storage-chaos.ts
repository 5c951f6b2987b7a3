import { FaultRoller } from '../core/fault-roller.js';
import type { FaultLog } from '../core/fault-log.js';
import type { RngStream } from '../core/rng.js';
import { drawInRange } from '../network/latency.js';
import { STORAGE_FAULT_FAMILIES, STORAGE_OP_FAULT_FAMILIES, type StorageConfig, type StorageFaultFamily, type StorageOp } from './storage-config.js';

/** Decides a disk's injected faults from the storage stream (see FaultRoller); the crash model
 * is not one of them and applies whatever this says. */
export class StorageChaos extends FaultRoller<StorageFaultFamily, StorageOp> {
  constructor(
    private readonly config: StorageConfig,
    rng: RngStream,
    log: FaultLog,
  ) {
    super(STORAGE_FAULT_FAMILIES, STORAGE_OP_FAULT_FAMILIES, config.faults, rng, log);
  }

  /** How long a stall holds the operation. */
  stallMs(): number {
    return drawInRange(this.config.faults.stall.durationMs, this.rng);
  }
}
