import type { Connection, NetworkProvider } from '../providers/network-provider.js';
import { Backoff } from './backoff.js';
import type { ResolvedClientOptions } from './transport-options.js';
import type { TransportProviders } from './transport-providers.js';
import type { TransportStats } from './transport-stats.js';

export interface ConnectorHooks {
  /** Whether anything still waits for a connection: the connector retries only while it does. */
  wanted(): boolean;
  connected(conn: Connection): void;
  /** `attempts` consecutive attempts failed (connectAttemptsMax); the round ends. */
  gaveUp(attempts: number, lastError: unknown): void;
}

/** Opens a client's connections: the first attempt of its life at once, every later one after
 * an exponential backoff with jitter that only a healthy connection resets. One attempt loop at a
 * time runs as a task of the given TaskProvider. */
export class Connector {
  private readonly backoff: Backoff;
  private running = false;
  private stopped = false;
  private attemptsTotal = 0;

  constructor(
    private readonly network: NetworkProvider,
    private readonly address: string,
    private readonly options: ResolvedClientOptions,
    private readonly providers: TransportProviders,
    private readonly stats: TransportStats,
    private readonly hooks: ConnectorHooks,
  ) {
    this.backoff = new Backoff(providers.random, options);
  }

  /** Starts an attempt loop unless one is running. */
  ensure(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.providers.tasks.spawn(`transport-connect ${this.address}`, () => this.loop());
  }

  /** The connection answered: the next loss starts backing off from the minimum again. */
  healthy(): void {
    this.backoff.reset();
  }

  stop(): void {
    this.stopped = true;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    try {
      do {
        if (this.attemptsTotal++ > 0) await this.providers.time.sleep(this.backoff.next());
        if (this.stopped) return;
        try {
          const conn = await this.attempt();
          if (this.stopped) conn.close();
          else this.hooks.connected(conn);
          return;
        } catch (error) {
          this.stats.connectFailures++;
          if (++failures >= this.options.connectAttemptsMax) {
            this.hooks.gaveUp(failures, error);
            failures = 0;
          }
        }
      } while (!this.stopped && this.hooks.wanted());
    } finally {
      this.running = false;
    }
  }

  private async attempt(): Promise<Connection> {
    const pending = this.network.connect(this.address);
    try {
      return await this.providers.time.timeout(this.options.connectTimeoutMs, pending);
    } catch (error) {
      // A connection that completes after its timeout is not wanted any more.
      pending.then((late) => late.close(), () => undefined);
      throw error;
    }
  }
}
