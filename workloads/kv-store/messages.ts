// A primary-backup key-value store with quorum writes: protocol and published state.

export type KvRequest =
  | { type: 'put'; key: string; value: string; client: string; requestId: number }
  | { type: 'get'; key: string }
  | { type: 'replicate'; key: string; value: string; version: number }
  | { type: 'sync' };

export type KvResponse =
  | { type: 'put-ok'; version: number }
  | { type: 'put-failed'; reason: string }
  | { type: 'value'; value: string | null; version: number }
  | { type: 'ack' }
  | { type: 'snapshot'; entries: [string, Versioned][] };

export interface Versioned {
  value: string;
  version: number;
}

/** What a client publishes: every value it tried to write, acknowledged writes and reads. */
export interface ClientRecord {
  attempted: string[];
  acknowledged: { key: string; value: string; version: number }[];
  reads: { key: string; value: string | null }[];
}

export const replicaKey = (address: string) => `kv/replica/${address}`;
/** Per incarnation: a rebooted client starts a new record, and the dead one's stays (registry
 * entries survive a crash: they are the model's record of what that incarnation did). */
export const clientKey = (address: string, incarnation: number) => `kv/client/${address}/${incarnation}`;
export const KEYS = ['a', 'b', 'c', 'd', 'e'];
export const majority = (replicas: number) => Math.floor(replicas / 2) + 1;

/** Versions the primary's incarnation `epoch` assigns lie in [epoch * EPOCH_SPAN, (epoch + 1) *
 * EPOCH_SPAN): a rebooted primary, which forgot its counter, still orders every new write after
 * any write of its earlier lives, including one still in flight to a backup. */
export const EPOCH_SPAN = 1_000_000;

/** Other replicas a rebooting replica must hear from: with `replicas` in all, every write on a
 * majority is held by at least one of them, even when the rebooting replica was in that majority. */
export const recoveryQuorum = (replicas: number) => replicas - majority(replicas) + 1;
