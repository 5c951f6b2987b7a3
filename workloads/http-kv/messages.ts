// A JSON key-value service over HTTP: what travels, and what each process publishes.
import { crc32c } from 'moonpool';

export const KEYS = ['a', 'b', 'c', 'd', 'e'];

/** What the server holds for a key. */
export interface Entry {
  value: string;
  version: number;
}

/** What the server publishes: its store, and how many requests it served. */
export interface ServerRecord {
  entries: Record<string, Entry>;
  /** Requests that passed the checksum and reached a route. */
  served: number;
}

/** What a client incarnation publishes. */
export interface ClientRecord {
  id: string;
  /** Requests it began (each attempt of each operation). */
  sent: number;
  /** Writes it began: it wrote the values `${id}#0` to `${id}#${attempted - 1}`. */
  attempted: number;
  /** The highest version the server acknowledged to it, per key. */
  acknowledged: Record<string, number>;
  /** Its latest read, checked by the invariants when it is published. */
  lastRead: { key: string; value: string | null; version: number } | null;
}

export const SERVER_KEY = 'http-kv/server';
export const clientKey = (address: string, incarnation: number) => `http-kv/client/${address}/${incarnation}`;
export const CLIENT_PREFIX = 'http-kv/client/';

/** End-to-end integrity over plain HTTP (a flipped bit that TCP's checksum missed): a CRC32C of
 * the method, path and body of a request, or of the status and body of a response, in a header. */
export const CHECKSUM_HEADER = 'x-kv-crc32c';

export function checksum(text: string): string {
  return crc32c(Buffer.from(text)).toString(16).padStart(8, '0');
}
