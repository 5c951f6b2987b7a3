import { Invariant, type StateSnapshot } from 'moonpool';
import { CLIENT_PREFIX, SERVER_KEY, type ClientRecord, type ServerRecord } from './messages.js';

function clients(state: StateSnapshot): ClientRecord[] {
  const records: ClientRecord[] = [];
  for (const key of state.keys()) if (key.startsWith(CLIENT_PREFIX)) records.push(state.get<ClientRecord>(key) as ClientRecord);
  return records;
}

@Invariant('acknowledged writes are stored')
export class AcknowledgedWritesStored {
  check(state: StateSnapshot): void {
    const server = state.get<ServerRecord>(SERVER_KEY);
    if (server === undefined) return;
    for (const client of clients(state)) {
      for (const key in client.acknowledged) {
        const stored = server.entries[key]?.version ?? 0;
        if (client.acknowledged[key] > stored) {
          throw new Error(`${client.id} was acknowledged version ${client.acknowledged[key]} of ${key}, but the server holds version ${stored}`);
        }
      }
    }
  }
}

@Invariant('reads return written values')
export class ReadsReturnWrittenValues {
  check(state: StateSnapshot): void {
    const server = state.get<ServerRecord>(SERVER_KEY);
    const records = clients(state);
    for (const client of records) {
      const read = client.lastRead;
      if (read === null) continue;
      if ((server?.entries[read.key]?.version ?? 0) < read.version) {
        throw new Error(`${client.id} read version ${read.version} of ${read.key}, newer than the server's ${server?.entries[read.key]?.version ?? 0}`);
      }
      if (read.value === null) continue;
      const hash = read.value.lastIndexOf('#');
      const writer = records.find((r) => r.id === read.value?.slice(0, hash));
      if (writer === undefined || Number(read.value.slice(hash + 1)) >= writer.attempted) {
        throw new Error(`${client.id} read ${JSON.stringify(read.value)} from ${read.key}, a value no client wrote`);
      }
    }
  }
}

@Invariant('requests served <= requests sent')
export class ServedBounded {
  check(state: StateSnapshot): void {
    const server = state.get<ServerRecord>(SERVER_KEY);
    if (server === undefined) return;
    let sent = 0;
    for (const client of clients(state)) sent += client.sent;
    if (server.served > sent) throw new Error(`the server served ${server.served} requests, but clients sent only ${sent}`);
  }
}

export const HTTP_KV_INVARIANTS = [AcknowledgedWritesStored, ReadsReturnWrittenValues, ServedBounded];
