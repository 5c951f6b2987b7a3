import { Invariant, type StateSnapshot } from 'moonpool';
import { majority, type ClientRecord, type Versioned } from './messages.js';

function split(state: StateSnapshot) {
  const replicas: Record<string, Versioned>[] = [];
  const clients: ClientRecord[] = [];
  for (const [key, value] of state.entries()) {
    if (key.startsWith('kv/replica/')) replicas.push(value as Record<string, Versioned>);
    else if (key.startsWith('kv/client/')) clients.push(value as ClientRecord);
  }
  return { replicas, clients };
}

@Invariant('no acknowledged write lost')
export class NoAcknowledgedWriteLost {
  check(state: StateSnapshot): void {
    const { replicas, clients } = split(state);
    const needed = majority(replicas.length);
    for (const client of clients) {
      for (const write of client.acknowledged) {
        const holding = replicas.filter((r) => (r[write.key]?.version ?? 0) >= write.version).length;
        if (holding < needed) {
          throw new Error(`write ${write.key}=${write.value} (version ${write.version}) was acknowledged but only ${holding} of ${replicas.length} replicas hold it or newer`);
        }
      }
    }
  }
}

@Invariant('no read of a value never written')
export class NoPhantomReads {
  check(state: StateSnapshot): void {
    const { clients } = split(state);
    const written = new Set(clients.flatMap((c) => c.attempted));
    for (const client of clients) {
      for (const read of client.reads) {
        if (read.value !== null && !written.has(read.value)) {
          throw new Error(`read of ${read.key} returned ${read.value}, which no client ever wrote`);
        }
      }
    }
  }
}
