import { TIMER_MS_MAX } from '../core/node-delay.js';
import { realGlobals } from '../core/real-globals.js';
import { FaultState } from '../network/fault-state.js';
import type { FaultFamily } from '../network/network-config.js';
import type { FaultScene } from '../network/scripted-faults.js';
import type { Connection, NetworkProvider } from '../providers/network-provider.js';
import type { ProcessLife } from '../providers/process-life.js';
import { LOOPBACK } from './loopback-ports.js';
import { RealNetworkProvider } from './real-network-provider.js';

/** Live connection ends are forgotten once closed, when the table doubles past this. */
const ENDS_COMPACT_MIN = 64;

/**
 * The network of a --real run as its scripted faults (NetworkFaults) see it. Each process is a
 * host, named by its address (`127.0.0.1:port`). The processes share one Node process, so every
 * connection between them is opened by one of their RealNetworkProviders, whose end holds the
 * bytes a partition or a clog stops, both ways, until the fault ends (held, never lost, as in a
 * simulation); a connect waits out a partition between the two. The bare IP 127.0.0.1 names
 * every process at once: a fault given it is skipped, counted (`isolateSkipped`) and logged once.
 */
export class RealNetwork implements FaultScene {
  readonly faults: FaultState;
  readonly run = '--real run';
  /** Failure zone of each process (set once the cluster placed them). */
  zones: ReadonlyMap<string, number> | undefined;
  /** Faults injected and skipped, by name: only those that happened. */
  readonly counts: Record<string, number> = {};
  private readonly ends = new Map<string, Connection>();
  private endsCompactAt = ENDS_COMPACT_MIN;
  private readonly warned = new Set<string>();

  constructor(private readonly hosts: readonly string[]) {
    const startMs = realGlobals.performanceNow();
    const nowMs = () => realGlobals.performanceNow() - startMs;
    this.faults = new FaultState({
      get nowMs() {
        return nowMs();
      },
      schedule: (delayMs, _kind, run) => {
        const dueMs = nowMs() + delayMs;
        // A timer may fire a little before performance.now() says its delay passed (the event
        // loop's clock lags): a clog ending then would still hold its bytes, with no timer left
        // to release them. So it waits out the rest. Unreferenced: a fault outlasting the run
        // keeps nothing alive.
        const fire = () => {
          const leftMs = dueMs - nowMs();
          if (leftMs > 0) realGlobals.setTimeout(fire, Math.min(Math.ceil(leftMs), TIMER_MS_MAX)).unref();
          else run();
        };
        realGlobals.setTimeout(fire, Math.min(delayMs, TIMER_MS_MAX)).unref();
      },
    });
  }

  /** The network as process `host` sees it, for its incarnation `life`. */
  provider(host: string, life: ProcessLife): NetworkProvider {
    return new RealNetworkProvider(this, host, life);
  }

  /** Resolves once bytes may flow both ways between `a` and `b` (what a connect waits for). */
  open(a: string, b: string): Promise<void> {
    return new Promise((resolve) => {
      const attempt = () => (this.faults.isBlocked(a, b) || this.faults.isBlocked(b, a) ? this.faults.whenUnblocked(attempt) : resolve());
      attempt();
    });
  }

  /** The liveness phase: every partition and clog ends. */
  heal(): void {
    this.faults.healPartitions();
    this.faults.liftClogs();
  }

  /** A connection end of some process opened: killConnection can find it. */
  track(end: Connection): void {
    this.ends.set(`${end.localAddress}|${end.remoteAddress}`, end);
    if (this.ends.size < this.endsCompactAt) return;
    for (const [key, known] of this.ends) if (known.closed) this.ends.delete(key);
    this.endsCompactAt = Math.max(ENDS_COMPACT_MIN, this.ends.size * 2);
  }

  hostList(): string[] {
    return [...this.hosts];
  }

  hostOf(name: string): string | undefined {
    return this.hosts.includes(name) ? name : undefined;
  }

  ambiguity(name: string): string | undefined {
    if (name !== LOOPBACK) return undefined;
    return `${LOOPBACK} is the IP of every process of a --real run; name one process by its address (TopologyInfo.address, TopologyInfo.peers())`;
  }

  /** A real run vetoes nothing (it replays nothing either). */
  admit(family: FaultFamily): boolean {
    this.counts[family] = (this.counts[family] ?? 0) + 1;
    return true;
  }

  skip(what: string, why: string): void {
    const key = `${what}Skipped`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    if (this.warned.has(what)) return;
    this.warned.add(what);
    console.warn(`moonpool: NetworkFaults.${what} skipped (and counted as ${key}): ${why}.`);
  }

  connectionEnd(localAddress: string, remoteAddress: string): Connection | undefined {
    const end = this.ends.get(`${localAddress}|${remoteAddress}`);
    return end?.closed === false ? end : undefined;
  }
}
