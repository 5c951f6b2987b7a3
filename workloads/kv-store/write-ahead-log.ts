import { crc32c, type StorageFile, type StorageProvider } from 'moonpool';
import type { Versioned } from './messages.js';

/** One logged write: what a replica applied, in the order it applied it. */
export interface LogRecord extends Versioned {
  key: string;
}

/** A record on disk: [payload length u32][crc32c of the payload u32][payload: JSON, UTF-8]. */
const HEADER_BYTES = 8;
/** A length past this is garbage (a torn or corrupt header), not a record. */
const RECORD_BYTES_MAX = 64 * 1024;

const LOG = 'kv.log';
const REWRITE = 'kv.log.next';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function encode(record: LogRecord): Uint8Array {
  const payload = encoder.encode(JSON.stringify(record));
  const bytes = new Uint8Array(HEADER_BYTES + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, payload.length);
  view.setUint32(4, crc32c(payload));
  bytes.set(payload, HEADER_BYTES);
  return bytes;
}

/** What replay() found: the records up to the first bad one, and whether it stopped early. */
export interface Replay {
  records: LogRecord[];
  /** A record failed its checksum or was cut short: a torn write at a crash, or corruption. */
  damaged: boolean;
}

/**
 * A replica's write-ahead log: a record is durable once append() returns (it syncs), so a
 * replica acknowledges a write only after logging it. A crash may tear or lose the unsynced
 * tail, and the disk may corrupt any record: replay() stops at the first record whose checksum
 * fails, and the replica repairs the rest from its peers, then rewrite()s a clean log.
 */
export class WriteAheadLog {
  private file: StorageFile | undefined;
  /** The log's creation is durable (a synced record in a file a crash can undo is not). */
  private created = false;
  private end = 0;

  constructor(private readonly storage: StorageProvider) {}

  /** Reads every intact record from the start of the log (creating it if missing). */
  async replay(): Promise<Replay> {
    const file = await this.open();
    const size = await file.size();
    const bytes = await file.read(0, size);
    const records: LogRecord[] = [];
    let offset = 0;
    let damaged = false;
    while (offset < bytes.length) {
      const record = decodeAt(bytes, offset);
      if (record === undefined) {
        damaged = true;
        break;
      }
      records.push(record.record);
      offset = record.next;
    }
    // Appends go after the last intact record: whatever follows it is garbage.
    this.end = offset;
    return { records, damaged };
  }

  /** Logs one write and makes it durable; rejects (StorageIOError) when the disk fails. */
  async append(record: LogRecord): Promise<void> {
    const file = await this.open();
    const bytes = encode(record);
    const at = this.end;
    this.end += bytes.length;
    await file.write(at, bytes);
    await file.sync();
  }

  /** Replaces the log with `records` (a repaired, compacted state): written aside, synced,
   * renamed over the log, and the rename made durable. */
  async rewrite(records: readonly LogRecord[]): Promise<void> {
    await this.file?.close();
    this.file = undefined;
    const next = await this.storage.open(REWRITE, { create: true });
    const chunks = records.map(encode);
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    await next.truncate(0);
    await next.write(0, bytes);
    await next.sync();
    await next.close();
    await this.storage.rename(REWRITE, LOG);
    this.end = bytes.length;
    this.created = false;
    await this.storage.syncDirectory();
    this.created = true;
  }


  private async open(): Promise<StorageFile> {
    this.file ??= await this.storage.open(LOG, { create: true });
    if (!this.created) {
      // The log must survive a crash as a file, not only its bytes: until this succeeds (a
      // later call tries again), no append counts as durable.
      await this.storage.syncDirectory();
      this.created = true;
    }
    return this.file;
  }
}

/** The record at `offset`, or undefined when it is cut short or fails its checksum. */
function decodeAt(bytes: Uint8Array, offset: number): { record: LogRecord; next: number } | undefined {
  if (offset + HEADER_BYTES > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, HEADER_BYTES);
  const length = view.getUint32(0);
  const checksum = view.getUint32(4);
  const start = offset + HEADER_BYTES;
  if (length === 0 || length > RECORD_BYTES_MAX || start + length > bytes.length) return undefined;
  const payload = bytes.subarray(start, start + length);
  if (crc32c(payload) !== checksum) return undefined;
  try {
    const record = JSON.parse(decoder.decode(payload)) as LogRecord;
    if (typeof record.key !== 'string' || typeof record.value !== 'string' || !Number.isInteger(record.version)) return undefined;
    return { record, next: start + length };
  } catch {
    return undefined;
  }
}
