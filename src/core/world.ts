import { Alarm } from './alarm.js';
import { isInstance } from './thrown-text.js';
import { invariant } from './assert.js';
import { setCurrentWorld } from './current.js';
import { BudgetExceededError, DeadlockError, SimulationError, TaskFailedError } from './errors.js';
import type { SimEvent } from './event.js';
import { EventQueue, type QueuedEvent } from './event-queue.js';
import { realGlobals } from './real-globals.js';
import { RngStreams } from './rng.js';
import type { Split } from './rng.js';
import { SimTask } from './task.js';
import type { TaskScope } from './task-scope.js';
import { TraceHash } from './trace.js';
import { FaultLog } from './fault-log.js';
import { processOfTask, TimelineRecorder } from './timeline-recorder.js';
import type { Wait, WakeSink } from './wait.js';
import { Waiter } from './waiter.js';

export interface SimWorldOptions {
  seed: number;
  /** Simulated-time budget of the seed. */
  simTimeMsMax?: number;
  /** Event-count budget of the seed. */
  eventsMax?: number;
  /** Keep a per-event hash for the determinism self-check. */
  recordTrace?: boolean;
  /** Record the seed's timeline (--trace, --timeline, a failure's last entries), keeping at
   * most this many entries; unset: no recording. */
  timelineEntriesMax?: number;
  /** Apply only the injected faults with these ordinals (see FaultLog); unset: all. */
  onlyFaults?: readonly number[];
  /** Keep a description of every applied fault (--shrink). */
  describeFaults?: boolean;
  /** A child timeline's splits (`--strategy explore`, `--recipe`), in increasing event order:
   * before the event after `afterEvent` runs, the chaos and workload streams switch to `seed`. */
  splits?: readonly Split[];
}

export type AfterEventHook = (world: SimWorld) => void;

export const DEFAULT_SIM_TIME_MS_MAX = 24 * 3600 * 1000;

/** Where the world is: running an event, draining continuations, or neither. Plain numbers, not
 * a const enum: under verbatimModuleSyntax an enum is an object, and this is read per wake-up. */
const PHASE_IDLE = 0;
const PHASE_EVENT = 1;
const PHASE_DRAIN = 2;
type Phase = typeof PHASE_IDLE | typeof PHASE_EVENT | typeof PHASE_DRAIN;

const NO_TASK = Symbol('no task');

/** What drains together: a process incarnation's tasks (its scope), or a task of none on its
 * own. One drain per woken process keeps a crash exact (no continuation of one process runs in
 * another's drain) at the cost of one macrotask per process, not per task: within a process, a
 * continuation resumed by another of its tasks' code runs in that task's drain. */
function groupOf(task: SimTask<unknown> | undefined): TaskScope | SimTask<unknown> | undefined {
  return task === undefined ? undefined : (task.scope ?? task);
}

export const DEFAULT_EVENTS_MAX = 5_000_000;

/** How long (real time) an idle, guarded world waits for a task awaiting something outside the
 * simulation before calling it a deadlock, and how often it looks. */
const OUTSIDE_WAIT_MS_MAX = 1000;
const OUTSIDE_POLL_MS = 2;

/** The guard's view of the engine's turns (see SimWorld.watchTurns). */
export interface TurnWatch {
  afterTurn(): void;
  outsideTurn(): void;
}

interface RunState {
  isDone: () => boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The simulated universe of one seed: logical time, the event queue, tasks and RNG streams.
 * Time jumps to the next event; after each event every continuation it woke runs before time
 * moves again, one drain (macrotask) per woken group (see groupOf): a drain resumes only the
 * waits of its group, so whatever a continuation starts is attributed to its process, and a
 * process killed by an earlier drain of the same event never resumes. */
export class SimWorld implements WakeSink {
  readonly seed: number;
  readonly trace: TraceHash;
  readonly rng: RngStreams;
  /** The seed's timeline, when recording (hooks test this field first: free when off). */
  readonly timeline: TimelineRecorder | undefined;
  /** Every injected fault passes here just before it takes effect (see FaultLog). */
  readonly faultLog: FaultLog;
  readonly simTimeMsMax: number;
  readonly eventsMax: number;
  nowMs = 0;
  /** Events processed so far; the index of the current event while one runs. */
  eventIndex = 0;
  /** The event being processed, for error reports. */
  currentKind = '';
  /** Per-seed state other modules keep with the world (its chaos context, its coverage), by key.
   * Not in module-level WeakMaps keyed by the world: V8's young-generation GC keeps a WeakMap's
   * entries alive, and an entry pointing back at its world kept each seed's whole object graph
   * alive until the next full GC. */
  readonly attachments = new Map<symbol, unknown>();
  private readonly queue = new EventQueue();
  private readonly tasks: SimTask<unknown>[] = [];
  private readonly afterEventHooks: AfterEventHook[] = [];
  private nextTaskId = 1;
  private currentTask: SimTask<unknown> | undefined;
  /** Ended waits whose group has not had its drain yet, in the order they ended. */
  private pending: Wait[] = [];
  private phase: Phase = PHASE_IDLE;
  /** During an event: the task whose group drains first (its waits fire at once), once known. */
  private drainFirst: SimTask<unknown> | undefined | typeof NO_TASK = NO_TASK;
  private failure: SimulationError | undefined;
  private running: RunState | undefined;
  /** The splits of this timeline (none for a plain seed), and the next one to apply. */
  readonly splits: readonly Split[];
  private nextSplit = 0;
  /** The event index after which the next split applies (Infinity: none left). */
  private splitAfterEvent: number;

  constructor(options: SimWorldOptions) {
    this.seed = options.seed;
    this.simTimeMsMax = options.simTimeMsMax ?? DEFAULT_SIM_TIME_MS_MAX;
    this.eventsMax = options.eventsMax ?? DEFAULT_EVENTS_MAX;
    this.trace = new TraceHash(options.recordTrace ?? false);
    this.rng = new RngStreams(options.seed, this.trace);
    this.timeline = options.timelineEntriesMax === undefined ? undefined : new TimelineRecorder(this, options.timelineEntriesMax);
    this.faultLog = new FaultLog(this, options.onlyFaults === undefined ? undefined : new Set(options.onlyFaults), options.describeFaults ?? false);
    this.faultLog.sink = this.timeline;
    this.splits = options.splits ?? [];
    this.splitAfterEvent = this.splits[0]?.afterEvent ?? Infinity;
  }

  /** Who runs now, for the timeline's lanes: the process scope of the running task
   * (`client#3@2`), else the task's own name; undefined between tasks. */
  runningTaskName(): string | undefined {
    const task = this.currentTask;
    return task === undefined ? undefined : (task.scope?.name ?? task.name);
  }

  /** The event index of this timeline's last split (0 for a plain seed): what happened up to it
   * happened in its parent too. */
  get lastSplitEvent(): number {
    return this.splits.length === 0 ? 0 : this.splits[this.splits.length - 1].afterEvent;
  }

  /** The timeline splits here: from the next event on, the chaos and workload streams draw from
   * the child's seed (everything before it replayed the parent exactly). */
  private split(): void {
    this.rng.split(this.splits[this.nextSplit].seed);
    this.nextSplit++;
    this.splitAfterEvent = this.splits[this.nextSplit]?.afterEvent ?? Infinity;
  }

  /** Schedules `run` after `delayMs` of simulated time. */
  schedule(delayMs: number, kind: string, run: () => void, runsUserCode = false): SimEvent {
    // Not invariant(cond, `...`): the message would be built on every call of this hot path.
    if (!(delayMs >= 0 && delayMs < Infinity)) invariant(false, `event ${kind} scheduled with delay ${delayMs}`);
    if (this.betweenTurns) this.reached();
    return this.queue.add(this.nowMs + delayMs, kind, run, this.currentTask, runsUserCode);
  }

  /** A pending wait owned by the task running now. */
  waiter<T>(label: string): Waiter<T> {
    if (this.betweenTurns) this.reached();
    return new Waiter<T>(this, label, this.currentTask);
  }

  /** The guard's watch over the engine's turns (undefined: none). */
  private turnWatch: TurnWatch | undefined = undefined;
  /** Set while the idle world waits on a task awaiting something outside the simulation
   * (watched only): code that reaches the world then was resumed by something real. Not after
   * every turn: code a turn queued with process.nextTick may run after the turn's watch. */
  private betweenTurns = false;
  /** Real time (ms) the world went idle waiting on something outside the simulation. */
  private idleSinceMs: number | undefined = undefined;

  /** Has `watch.afterTurn` called after each turn of the engine and its microtasks, before the
   * event loop runs anything else, and `watch.outsideTurn` when code reaches the idle world that
   * waits on something real: the guard looks there for real work. */
  watchTurns(watch: TurnWatch | undefined): void {
    this.turnWatch = watch;
    this.betweenTurns = false;
  }

  /** Ends this turn of the engine: `next` runs in a macrotask of its own. */
  private yieldTurn(next: () => void): void {
    realGlobals.setImmediate(next);
    if (this.turnWatch !== undefined) queueMicrotask(this.afterMicrotasks);
  }

  // A microtask queued now runs among the turn's continuations; the tick it queues runs once
  // the microtask queue is empty, so after every continuation of the turn.
  private readonly afterMicrotasks = (): void => process.nextTick(this.watchTurn);

  private readonly watchTurn = (): void => {
    if (this.running !== undefined) this.turnWatch?.afterTurn();
  };

  /** Code reached the world: when between turns, the guard hears of it. */
  private reached(): void {
    this.betweenTurns = false;
    this.turnWatch?.outsideTurn();
  }

  private readonly makeWaiter = <T>(label: string): Waiter<T> => this.waiter<T>(label);

  /** The task whose code runs now (undefined between events and in ownerless code). */
  get runningTask(): SimTask<unknown> | undefined {
    return this.currentTask;
  }

  /** Calls `ring(owner)` after `delayMs` unless cleared first: a timeout owned by the task running now. */
  alarm<T>(delayMs: number, ring: (owner: T) => void, owner: T): Alarm<T> {
    if (!(delayMs >= 0 && delayMs < Infinity)) invariant(false, `alarm set with delay ${delayMs}`);
    if (this.betweenTurns) this.reached();
    const alarm = new Alarm(this, this.currentTask, delayMs, ring, owner);
    this.queue.insert(alarm);
    return alarm;
  }

  /** An ended wait: resumed at once when continuations of its drain group run (or will run
   * first, after the event running now), else in a drain of its group; never when its task was
   * killed. */
  wake(wait: Wait): void {
    const task = wait.task;
    if (task !== undefined && task.state === 'killed') return;
    let draining: SimTask<unknown> | undefined;
    if (this.phase === PHASE_DRAIN) draining = this.currentTask;
    else if (this.phase === PHASE_EVENT) {
      // The first group woken by an event drains first: its waits can fire already.
      if (this.drainFirst === NO_TASK) this.drainFirst = task;
      draining = this.drainFirst;
    } else return void this.pending.push(wait);
    if (groupOf(task) === groupOf(draining)) wait.fire();
    else this.pending.push(wait);
  }

  /** Starts `fn` as a task at the current simulated time. It belongs to `scope`, by default to
   * the scope of the task running now (what a process starts dies with it). */
  spawn<T>(name: string, fn: () => Promise<T> | T, required = false, scope: TaskScope | undefined = this.currentTask?.scope): SimTask<T> {
    invariant(scope === undefined || !scope.dead, `task ${name} spawned in the dead scope ${scope?.name}`);
    const task = new SimTask<T>(this.nextTaskId++, name, required, scope, this.makeWaiter);
    this.tasks.push(task as SimTask<unknown>);
    scope?.add(task as SimTask<unknown>);
    const start = () => {
      if (task.finished) return;
      task.state = 'running';
      this.currentTask = task as SimTask<unknown>;
      this.timeline?.record(processOfTask(scope?.name ?? name), 'task', `task ${name} started`, { fields: { phase: 'start', task: name } });
      let result: Promise<T> | T;
      try {
        result = fn();
      } catch (error) {
        this.onTaskError(task as SimTask<unknown>, error);
        return;
      }
      Promise.resolve(result).then(
        (value) => {
          task.complete(value);
          this.timeline?.record(processOfTask(scope?.name ?? name), 'task', `task ${name} ended`, { fields: { phase: 'end', task: name } });
          if (this.betweenTurns) this.reached();
        },
        (error) => {
          // The task's own error first: it names the cause (the loader hook's, for an import()).
          this.onTaskError(task as SimTask<unknown>, error);
          if (this.betweenTurns) this.reached();
        },
      );
    };
    const event = this.schedule(0, 'task-start', start, true);
    event.task = task as SimTask<unknown>;
    return task;
  }

  private onTaskError(task: SimTask<unknown>, error: unknown): void {
    if (task.state === 'cancelled') return;
    task.fail(error);
    this.timeline?.taskFailed(task.scope?.name ?? task.name, task.name, error);
    if (!task.joined) this.fail(new TaskFailedError(task.name, error));
  }

  /** Stops the seed at the end of the current event with this error (the first one wins). */
  fail(error: SimulationError): void {
    if (this.failure !== undefined) return;
    error.seed ??= this.seed;
    error.simTimeMs ??= this.nowMs;
    error.eventIndex ??= this.eventIndex;
    this.failure = error;
  }

  get failed(): SimulationError | undefined {
    return this.failure;
  }

  onAfterEvent(hook: AfterEventHook): void {
    this.afterEventHooks.push(hook);
  }

  get pendingEvents(): number {
    return this.queue.size;
  }

  unfinishedTasks(): SimTask<unknown>[] {
    return this.tasks.filter((t) => !t.finished);
  }

  /** Processes events until `isDone()` holds; throws the seed's failure, a deadlock or a budget overrun. */
  run(isDone: () => boolean): Promise<void> {
    invariant(this.running === undefined, `world of seed ${this.seed}: run() called while a run is in progress`);
    setCurrentWorld(this);
    this.betweenTurns = false;
    return new Promise<void>((resolve, reject) => {
      this.running = { isDone, resolve, reject };
      this.step();
    });
  }

  /** Marks a scheduled event as never to run and takes it out of the queue. (An event whose
   * `cancelled` flag is set directly stays queued and is skipped when its time comes.) */
  cancel(event: SimEvent): void {
    if (event.cancelled) return;
    event.cancelled = true;
    this.queue.remove(event as QueuedEvent);
  }

  // The loop is callback-driven rather than an async function: events that wake nothing run
  // back to back, and a drain costs one setImmediate instead of promise and await machinery.
  private readonly step = (): void => {
    this.betweenTurns = false;
    const running = this.running as RunState;
    try {
      for (;;) {
        if (this.failure !== undefined) throw this.failure;
        if (running.isDone()) return this.finish(undefined);
        const event = this.queue.pop();
        if (event === undefined) {
          // Let stray continuations settle once before calling it a deadlock.
          this.yieldTurn(this.afterIdle);
          return;
        }
        if (event.cancelled) continue;
        // User code of a killed task (its timers, its start) never runs.
        if (event.runsUserCode && event.task !== undefined && event.task.state === 'killed') continue;
        if (event.timeMs > this.simTimeMsMax) throw this.stamp(new BudgetExceededError('simTimeMs', this.simTimeMsMax));
        if (this.eventIndex >= this.eventsMax) throw this.stamp(new BudgetExceededError('events', this.eventsMax));
        invariant(event.timeMs >= this.nowMs, 'simulated time never moves backwards');
        if (this.eventIndex === this.splitAfterEvent) this.split();
        this.nowMs = event.timeMs;
        this.eventIndex++;
        this.currentKind = event.kind;
        this.trace.mixInt(event.kindId);
        this.trace.mixFloat(event.timeMs);
        if (this.dispatch(event)) {
          // Continuations of this event run now, attributed to the task they woke.
          this.yieldTurn(this.afterDrain);
          return;
        }
        this.endEvent();
      }
    } catch (error) {
      this.finish(error);
    }
  };

  private readonly afterDrain = (): void => {
    this.betweenTurns = false;
    try {
      if (this.nextDrain()) {
        this.yieldTurn(this.afterDrain);
        return;
      }
      this.endEvent();
    } catch (error) {
      return this.finish(error);
    }
    this.step();
  };

  private readonly afterIdle = (): void => {
    let settled: boolean;
    try {
      settled = this.queue.size > 0 || this.failure !== undefined || (this.running as RunState).isDone();
    } catch (error) {
      return this.finish(error);
    }
    if (settled) {
      this.idleSinceMs = undefined;
      this.step();
    } else if (this.awaitsOutside()) {
      // A task awaits something real (a dynamic import() of a loaded module shows no handle):
      // its continuation, when it comes, reaches the world between turns and the guard fails
      // the seed there, the same on every run, instead of a deadlock now or a pass by chance.
      this.idleSinceMs ??= realGlobals.performanceNow();
      this.betweenTurns = true;
      realGlobals.setTimeout(this.afterIdle, OUTSIDE_POLL_MS);
    } else {
      this.idleSinceMs = undefined;
      this.finish(this.deadlock());
    }
  };

  /** Watched, idle, and some task awaits no simulated wait, for less than OUTSIDE_WAIT_MS_MAX. */
  private awaitsOutside(): boolean {
    if (this.turnWatch === undefined) return false;
    if (this.idleSinceMs !== undefined && realGlobals.performanceNow() - this.idleSinceMs > OUTSIDE_WAIT_MS_MAX) return false;
    return this.unfinishedTasks().some((task) => task.describeWaits().length === 0);
  }

  /** Runs the event; true when continuations must drain before time moves. */
  private dispatch(event: SimEvent): boolean {
    this.currentTask = event.task;
    this.phase = PHASE_EVENT;
    // User code the event runs itself drains first, as its task, with its group's wakes.
    this.drainFirst = event.runsUserCode ? event.task : NO_TASK;
    try {
      event.run();
    } catch (error) {
      this.fail(isInstance(error, SimulationError) ? error : new TaskFailedError(event.task?.name ?? event.kind, error));
    }
    const first = this.drainFirst;
    this.drainFirst = NO_TASK;
    if (first === NO_TASK) return this.nextDrain();
    this.currentTask = first;
    this.phase = PHASE_DRAIN;
    return true;
  }

  /** Starts the drain of the oldest pending wait's group; false when none is left. */
  private nextDrain(): boolean {
    while (this.pending.length > 0) {
      if (this.resume(this.pending[0].task)) return true;
    }
    this.phase = PHASE_IDLE;
    this.currentTask = undefined;
    return false;
  }

  /** Fires the pending waits of the drain group of `task`, in order, as its drain begins, with
   * `task` as the running task; true if any fired. */
  private resume(task: SimTask<unknown> | undefined): boolean {
    this.currentTask = task;
    this.phase = PHASE_DRAIN;
    const group = groupOf(task);
    const pending = this.pending;
    let fired = false;
    let kept = 0;
    for (let i = 0; i < pending.length; i++) {
      const wait = pending[i];
      if (groupOf(wait.task) !== group) pending[kept++] = wait;
      else if (wait.task === undefined || wait.task.state !== 'killed') {
        wait.fire();
        fired = true;
      }
    }
    pending.length = kept;
    return fired;
  }

  private endEvent(): void {
    this.trace.step(this.eventIndex, this.nowMs, this.currentKind);
    // Indexed: a for-of would build an iterator per event until the loop is optimized.
    const hooks = this.afterEventHooks;
    for (let i = 0; i < hooks.length; i++) hooks[i](this);
  }

  private finish(error: unknown): void {
    const running = this.running as RunState;
    this.running = undefined;
    setCurrentWorld(undefined);
    if (error === undefined) running.resolve();
    else running.reject(error);
  }

  private stamp<E extends SimulationError>(error: E): E {
    error.seed = this.seed;
    error.simTimeMs = this.nowMs;
    error.eventIndex = this.eventIndex;
    return error;
  }

  private deadlock(): DeadlockError {
    const unfinished = this.unfinishedTasks().sort((a, b) => Number(b.required) - Number(a.required) || a.id - b.id);
    return this.stamp(
      new DeadlockError(
        unfinished.map((t) => ({ name: t.name, awaiting: t.describeWaits() })),
        this.nowMs,
      ),
    );
  }
}
