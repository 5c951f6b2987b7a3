import { invariant } from './assert.js';
import { thrownText } from './thrown-text.js';
import type { FaultSink } from './fault-log.js';
import type { Timeline, TimelineEntry, TimelineKind, TimelineValue } from './timeline-entry.js';

/** What the recorder reads of the world. */
export interface RecorderClock {
  readonly nowMs: number;
  readonly eventIndex: number;
  /** Name of the task whose code runs now (`client#3.run`), if any. */
  runningTaskName(): string | undefined;
}

export type EntryFields = Record<string, TimelineValue>;

/** The lane of the world itself (a partition between hosts, a task of no process). */
export const SIM_LANE = 'sim';

/** Default bound of a recorded timeline: past it, the oldest entries are dropped (and counted). */
export const TIMELINE_ENTRIES_MAX = 200_000;

const FRAME_NAMES = ['request', 'response', 'error-response', 'ping'];

/** Characters of a task's error in its entry, at most. */
const TASK_ERROR_CHARS_MAX = 200;

/** The process a task belongs to: `client#3.run`, `client#3/pump`, `client#3@2/x` → `client#3`. */
export function processOfTask(taskName: string | undefined): string {
  if (taskName === undefined) return SIM_LANE;
  const id = /^[^./@]+/.exec(taskName)?.[0];
  return id !== undefined && id.includes('#') ? id : SIM_LANE;
}

/**
 * Records one seed's timeline (see timeline-entry.ts) into a ring of `entriesMax` entries. The
 * engine holds one only when recording is on (`SimWorld.timeline`), and every hook reads that
 * field first, so a bulk run pays one load and one compare per hook.
 */
export class TimelineRecorder implements FaultSink {
  private readonly ring: TimelineEntry[] = [];
  /** Index in `ring` of the oldest entry, once the ring is full. */
  private head = 0;
  private seq = 0;
  private nextMessageId = 1;
  private readonly processOfHost = new Map<string, string>();
  /** Message ids of written bytes in flight (each piece of a write carries its write's id). */
  private readonly messageIds = new WeakMap<Uint8Array, number>();
  /** Fields a protocol told about the bytes it wrote (the transport's frame kind and id). */
  private readonly annotations = new WeakMap<Uint8Array, EntryFields>();
  private readonly sentFields = new Map<number, EntryFields | undefined>();

  constructor(
    private readonly clock: RecorderClock,
    readonly entriesMax = TIMELINE_ENTRIES_MAX,
  ) {
    invariant(Number.isInteger(entriesMax) && entriesMax >= 1, `timeline entriesMax ${entriesMax}`);
  }

  /** Entries dropped at the front so far. */
  get dropped(): number {
    return this.seq - this.ring.length;
  }

  /** The processes by host: network entries name `client#3`, not `10.0.0.4`. */
  nameHost(host: string, processId: string): void {
    this.processOfHost.set(host, processId);
  }

  /** The process on the host of `ipOrAddress` (`10.0.0.4` or `10.0.0.4:4500`). */
  processAt(ipOrAddress: string): string {
    const named = this.processOfHost.get(ipOrAddress);
    if (named !== undefined) return named;
    const ip = /^(.+):\d+$/.exec(ipOrAddress)?.[1];
    return (ip !== undefined ? this.processOfHost.get(ip) : undefined) ?? ipOrAddress;
  }

  /** The process whose code runs now. */
  runningProcess(): string {
    return processOfTask(this.clock.runningTaskName());
  }

  record(
    process: string,
    kind: TimelineKind,
    text: string,
    extra?: { peer?: string; messageId?: number; fields?: EntryFields; at?: { timeMs: number; eventIndex: number } },
  ): void {
    const timeMs = extra?.at?.timeMs ?? this.clock.nowMs;
    const eventIndex = extra?.at?.eventIndex ?? this.clock.eventIndex;
    const entry: TimelineEntry = { seq: this.seq++, timeMs, eventIndex, process, kind, text };
    if (extra?.peer !== undefined) entry.peer = extra.peer;
    if (extra?.messageId !== undefined) entry.messageId = extra.messageId;
    if (extra?.fields !== undefined) entry.fields = extra.fields;
    if (this.ring.length < this.entriesMax) {
      this.ring.push(entry);
    } else {
      this.ring[this.head] = entry;
      this.head = (this.head + 1) % this.entriesMax;
    }
  }

  /** A protocol's description of bytes it is about to write (the same array, handed over). */
  annotate(bytes: Uint8Array, fields: EntryFields): void {
    this.annotations.set(bytes, fields);
  }

  /** Describes a transport frame: its kind and correlation id. */
  annotateFrame(bytes: Uint8Array, kind: number, correlationId: number): void {
    this.annotate(bytes, { frame: FRAME_NAMES[kind] ?? `kind ${kind}`, id: correlationId });
  }

  /** Bytes that join several annotated writes into one (the transport's batch of frames). */
  annotateBatch(bytes: Uint8Array, parts: readonly Uint8Array[]): void {
    const frames: string[] = [];
    const ids: string[] = [];
    for (const part of parts) {
      const fields = this.annotations.get(part);
      frames.push(String(fields?.frame ?? '?'));
      ids.push(String(fields?.id ?? '?'));
    }
    this.annotate(bytes, { frame: frames.join('+'), id: ids.join(','), frames: parts.length });
  }

  /** One write of `bytes` (as the writer passed them) from `fromIp` to `toIp`, leaving as
   * `pieces` (the network's copy, whole or split by a partial write). */
  sent(fromIp: string, toIp: string, bytes: Uint8Array, pieces: Uint8Array | readonly Uint8Array[]): void {
    const id = this.nextMessageId++;
    const fields = this.annotations.get(bytes);
    if (pieces instanceof Uint8Array) this.messageIds.set(pieces, id);
    else for (const piece of pieces) this.messageIds.set(piece, id);
    this.sentFields.set(id, fields);
    const peer = this.processAt(toIp);
    const pieceCount = pieces instanceof Uint8Array ? 1 : pieces.length;
    this.record(this.processAt(fromIp), 'send', `send → ${peer} ${bytes.length} B${describeFields(fields)}${pieceCount > 1 ? ` in ${pieceCount} pieces` : ''}`, {
      peer,
      messageId: id,
      fields: { bytes: bytes.length, ...fields },
    });
  }

  /** Bytes (one piece of a write) arrived at `toIp`'s receive buffer. */
  delivered(fromIp: string, toIp: string, piece: Uint8Array): void {
    const id = this.messageIds.get(piece);
    const fields = id === undefined ? undefined : this.sentFields.get(id);
    const peer = this.processAt(fromIp);
    this.record(this.processAt(toIp), 'deliver', `deliver ← ${peer} ${piece.length} B${describeFields(fields)}`, {
      peer,
      messageId: id,
      fields: { bytes: piece.length, ...fields },
    });
  }

  connection(kind: 'connect' | 'close' | 'reset', localAddress: string, remoteAddress: string): void {
    const peer = this.processAt(remoteAddress);
    const verb = kind === 'connect' ? 'connected' : kind === 'close' ? 'closed (FIN)' : 'reset';
    this.record(this.processAt(localAddress), kind, `${verb} ${localAddress} → ${peer} ${remoteAddress}`, { peer });
  }

  fault(process: string, family: string, text: string, ordinal: number, applied: boolean, durationMs: number | undefined): void {
    const kind = family === 'reboot' ? 'reboot' : family === 'buggify' ? 'buggify' : 'fault';
    const fields: EntryFields = { family, ordinal, applied };
    if (durationMs !== undefined && Number.isFinite(durationMs)) fields.durationMs = durationMs;
    this.record(this.processAt(process), kind, `${applied ? '' : 'vetoed '}fault #${ordinal} ${text}`, { fields });
  }

  /** A task (`taskName`, of `lane`) threw `error`. */
  taskFailed(lane: string, taskName: string, error: unknown): void {
    const text = thrownText(error, false).replace(/\s*\n\s*/g, ' ');
    const shown = text.length > TASK_ERROR_CHARS_MAX ? `${text.slice(0, TASK_ERROR_CHARS_MAX - 1)}…` : text;
    this.record(processOfTask(lane), 'task', `task ${taskName} failed: ${shown}`, { fields: { phase: 'fail', task: taskName } });
  }

  /** The entries, oldest first. */
  entries(): TimelineEntry[] {
    return this.head === 0 ? this.ring.slice() : [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
  }

  timeline(caseId: string, seed: number, processes: { id: string; host: string }[], failure?: Timeline['failure']): Timeline {
    const timeline: Timeline = { caseId, seed, processes, entries: this.entries(), dropped: this.dropped };
    if (failure !== undefined) timeline.failure = failure;
    return timeline;
  }
}

function describeFields(fields: EntryFields | undefined): string {
  if (fields === undefined) return '';
  let text = '';
  for (const key in fields) text += key === 'frame' ? ` ${String(fields[key])}` : ` ${key}=${String(fields[key])}`;
  return text;
}
