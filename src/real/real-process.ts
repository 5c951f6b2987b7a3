import type { ProcessLife } from '../providers/process-life.js';
import type { WorkloadDefinition, WorkloadInstance } from '../sim/definitions.js';
import type { ShutdownSignal } from '../sim/shutdown-signal.js';

/** Where a process of a --real run sits: what stays the same across its incarnations. */
export interface RealProcessSlot {
  /** `client#3`. */
  readonly id: string;
  readonly role: string;
  readonly index: number;
  /** `127.0.0.1:port`: a restarted process listens on the same port again. */
  readonly address: string;
  readonly zone: number;
  readonly definition: WorkloadDefinition;
}

/** One process of a --real run and its current incarnation. */
export interface RealProcess extends RealProcessSlot {
  /** 0 at the first start, one more after each reboot. */
  incarnation: number;
  up: boolean;
  /** Stopped gracefully and within its grace period. */
  stopping: boolean;
  /** The current incarnation's setup() returned. */
  ready: boolean;
  /** The current incarnation's run() returned. */
  runReturned: boolean;
  /** The current incarnation's kill switch, shared by its providers. */
  life: ProcessLife;
  /** The current incarnation's TopologyInfo.shutdown. */
  signal: ShutdownSignal;
  instance?: WorkloadInstance;
}
