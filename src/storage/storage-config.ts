// The shape of a simulated disk's settings: latencies per operation and the fault families.
import type { LatencyDistribution, Range } from '../network/network-config.js';

/** Injected faults, in their fixed order (counters, swarm draws and describe() follow it). The
 * crash model (unsynced data lost or torn at a crash) is not a family: it always applies. */
export const STORAGE_FAULT_FAMILIES = ['readCorruption', 'writeCorruption', 'misdirectedWrite', 'lostWrite', 'syncFailure', 'stall'] as const;
export type StorageFaultFamily = (typeof STORAGE_FAULT_FAMILIES)[number];

export const STORAGE_LATENCY_OPS = ['read', 'write', 'sync'] as const;
export type StorageLatencyOp = (typeof STORAGE_LATENCY_OPS)[number];

export interface StorageFaultSetting {
  enabled: boolean;
  /** Chance per operation that can trigger the family. */
  probability: number;
  /** `stall` only: how long the operation is held; {0, 0} for the others. */
  durationMs: Range;
}

export interface StorageConfig {
  /** `perfect`, `default`, `hostile`, `random`, or a name of your own. */
  preset: string;
  /** Whether swarm mode switched families off for this seed. */
  swarm: boolean;
  latencyMs: Record<StorageLatencyOp, LatencyDistribution>;
  faults: Record<StorageFaultFamily, StorageFaultSetting>;
  /** Bytes a host's disk holds; a write past it fails with StorageIOError ENOSPC. */
  capacityBytes: number;
}

export const STORAGE_PRESET_NAMES = ['perfect', 'default', 'hostile', 'random'] as const;
export type StoragePresetName = (typeof STORAGE_PRESET_NAMES)[number];

/** A preset name or a full StorageConfig. */
export type StorageSetting = StoragePresetName | StorageConfig;

/** The kinds of operation that roll for faults, and the families each can trigger. One draw per
 * operation picks at most one family, so an operation's probabilities must sum to at most 1.
 * `metadata`: open, exists, list, size, truncate, delete, rename; `sync`: sync, syncDirectory. */
export type StorageOp = 'read' | 'write' | 'sync' | 'metadata';
export const STORAGE_OP_FAULT_FAMILIES: Record<StorageOp, readonly StorageFaultFamily[]> = {
  read: ['readCorruption', 'stall'],
  write: ['writeCorruption', 'misdirectedWrite', 'lostWrite', 'stall'],
  sync: ['syncFailure', 'stall'],
  metadata: ['stall'],
};
