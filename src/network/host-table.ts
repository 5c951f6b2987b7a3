import type { SimConnection } from './sim-connection.js';
import type { SimListener } from './sim-listener.js';

const EPHEMERAL_PORT_FIRST = 40000;
const EPHEMERAL_PORT_LAST = 65535;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** One simulated machine: its listeners and its ephemeral port counter. */
export class Host {
  readonly listeners = new Map<number, SimListener>();
  /** Bumped each time the host's process crashes: handshakes begun before are void. */
  epoch = 0;
  private ephemeralPortNext = EPHEMERAL_PORT_FIRST;

  constructor(readonly ip: string) {}

  /** The next ephemeral port for which `isTaken` is false, cycling through 40000-65535. */
  allocatePort(isTaken: (port: number) => boolean): number {
    for (let tries = EPHEMERAL_PORT_FIRST; tries <= EPHEMERAL_PORT_LAST; tries++) {
      const port = this.ephemeralPortNext;
      this.ephemeralPortNext = port === EPHEMERAL_PORT_LAST ? EPHEMERAL_PORT_FIRST : port + 1;
      if (!isTaken(port)) return port;
    }
    throw new Error(
      `simulated host ${this.ip} ran out of ephemeral ports: ${EPHEMERAL_PORT_LAST - EPHEMERAL_PORT_FIRST + 1} ` +
        'connections or listeners are open at once. Close connections the workload no longer uses.',
    );
  }
}

/** The hosts of a SimNetwork (in order of first use) and its live connections. */
export class HostTable {
  private readonly hosts = new Map<string, Host>();
  /** Live connection ends by `local|remote`, for killConnection. */
  readonly connections = new Map<string, SimConnection>();

  /** The host with this IP, created on first use. */
  ensure(ip: string): Host {
    let host = this.hosts.get(ip);
    if (host === undefined) {
      if (!IPV4.test(ip)) {
        throw new RangeError(`SimNetwork: "${ip}" is not an IPv4 address; simulated hosts are named by IP, for example 10.0.0.1`);
      }
      host = new Host(ip);
      this.hosts.set(ip, host);
    }
    return host;
  }

  get(ip: string): Host | undefined {
    return this.hosts.get(ip);
  }

  ips(): string[] {
    return [...this.hosts.keys()];
  }

  listenerAt(ip: string, port: number): SimListener | undefined {
    return this.hosts.get(ip)?.listeners.get(port);
  }
}
