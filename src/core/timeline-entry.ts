// What a seed's timeline holds: one entry per thing that happened, in the order it happened.
// Plain data (it crosses worker threads by structured clone and is written into the HTML view).

/** What an entry records. */
export type TimelineKind =
  | 'connect' // a connection opened (process → peer)
  | 'close' // a connection closed (FIN)
  | 'reset' // a connection reset
  | 'send' // bytes written (process → peer)
  | 'deliver' // bytes delivered (peer → process)
  | 'fault' // an injected fault: network, storage (with its parameters)
  | 'reboot' // a process stopped (and, in `fields.downMs`, for how long)
  | 'start' // a process (re)started
  | 'buggify' // a buggify site fired
  | 'assert' // an assertion site evaluated (sometimes / reachable / always)
  | 'state' // a StateRegistry key changed (compact diff in `text`)
  | 'task' // a task started, ended or failed (`fields.phase`)
  | 'user' // the workload's own `trace(name, fields)`
  | 'failure'; // the seed's failure, last entry of a failing timeline

export type TimelineValue = string | number | boolean | null;

export interface TimelineEntry {
  /** Position in the timeline, from 0. */
  seq: number;
  /** Simulated ms. */
  timeMs: number;
  /** The engine's event index when it happened. */
  eventIndex: number;
  /** The process it happened on (`client#3`), or `sim` for the world's own (a partition). */
  process: string;
  kind: TimelineKind;
  /** One line, as `--trace` prints it after time, event and process. */
  text: string;
  /** The other end of a message or connection (`server#1`), when there is one. */
  peer?: string;
  /** Links a `deliver` to the `send` it came from (same id), for arrows in the HTML view. */
  messageId?: number;
  /** Structured details: bytes, frame kind, correlation id, fault parameters, user fields. */
  fields?: Record<string, TimelineValue>;
}

/** A seed's whole timeline, as the HTML view and `--trace` take it. */
export interface Timeline {
  caseId: string;
  seed: number;
  /** Every process of the seed in host order (the lanes), then `sim`. */
  processes: { id: string; host: string }[];
  entries: TimelineEntry[];
  /** Entries dropped at the front when the timeline outgrew its bound. */
  dropped: number;
  /** The failure, when the seed failed: its event index and message, and the state the
   * workloads had registered at that event (key → value, JSON-safe). */
  failure?: { kind: string; eventIndex: number; timeMs: number; message: string; where?: string; state: Record<string, unknown> };
}
