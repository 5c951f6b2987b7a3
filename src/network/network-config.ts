// The shape of a simulated network's settings: latencies per operation and the fault families.

/** The fault families, in their fixed order (counters, swarm draws and describe() follow it). */
export const FAULT_FAMILIES = [
  'writeClog',
  'readClog',
  'partition',
  'isolate',
  'oneWayPartition',
  'connectionClose',
  'connectionReset',
  'connectFail',
  'connectHang',
  'partialRead',
  'partialWrite',
  'bitFlip',
  'clockDrift',
] as const;
export type FaultFamily = (typeof FAULT_FAMILIES)[number];

/** Families whose fault lasts `durationMs`; the others act once, on one operation. */
export const TIMED_FAULT_FAMILIES: readonly FaultFamily[] = [
  'writeClog',
  'readClog',
  'partition',
  'isolate',
  'oneWayPartition',
  'connectFail',
  'connectHang',
  'clockDrift',
];

/** The operations that roll for faults, and the families each one can trigger. One draw per
 * operation picks at most one family, so an operation's probabilities must sum to at most 1. */
export type NetworkOp = 'connect' | 'write' | 'deliver' | 'read';
export const OP_FAULT_FAMILIES: Record<NetworkOp, readonly FaultFamily[]> = {
  connect: ['connectFail', 'connectHang', 'partition', 'isolate', 'oneWayPartition', 'clockDrift'],
  write: ['partialWrite', 'writeClog', 'connectionClose', 'connectionReset', 'partition', 'isolate', 'oneWayPartition', 'clockDrift'],
  deliver: ['bitFlip', 'readClog'],
  read: ['partialRead'],
};

export interface Range {
  min: number;
  max: number;
}

/** Milliseconds for one operation: flat, exponential (capped) or mostly fast with a slow tail. */
export type LatencyDistribution =
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'exponential'; mean: number; max: number }
  | { kind: 'bimodal'; fast: Range; slow: Range; slowProbability: number };

export const LATENCY_OPS = ['connect', 'delivery', 'close', 'accept'] as const;
export type LatencyOp = (typeof LATENCY_OPS)[number];

export interface FaultSetting {
  enabled: boolean;
  /** Chance per operation that can trigger the family (see OP_FAULT_FAMILIES). */
  probability: number;
  /** How long a timed fault lasts; {0, 0} for the one-shot families. */
  durationMs: Range;
}

export interface NetworkConfig {
  /** The preset it came from (`perfect`, `default`, `hostile`, `random`) or a name of your own. */
  preset: string;
  /** Whether swarm mode switched families off for this seed. */
  swarm: boolean;
  /** Added to each pair's base latency: connect (each way), data delivery, FIN, accept. */
  latencyMs: Record<LatencyOp, LatencyDistribution>;
  /** Each host pair's fixed base latency is drawn from this range once per seed. */
  pairBaseMs: Range;
  /** Bytes written but not yet read by the peer above which write() waits (backpressure). */
  sendBufferBytesMax: number;
  /** Clock drift bounds: |offset| <= offsetMsMax, clock speed within 1 ± rateMax (rateMax < 1). */
  clockDrift: { offsetMsMax: number; rateMax: number };
  faults: Record<FaultFamily, FaultSetting>;
}
