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
export const clientKey = (address: string) => `kv/client/${address}`;
export const KEYS = ['a', 'b', 'c', 'd', 'e'];
export const majority = (replicas: number) => Math.floor(replicas / 2) + 1;
