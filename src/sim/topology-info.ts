import { ShutdownSignal } from './shutdown-signal.js';

/**
 * Where this process sits in its topology: its role, index and address, and the addresses of
 * every process by role. An injection token: ask for it with `@Inject(TopologyInfo)`.
 */
export class TopologyInfo {
  constructor(
    readonly role: string,
    readonly index: number,
    /** `10.0.0.k:port` in a simulation. */
    readonly address: string,
    private readonly addressesByRole: ReadonlyMap<string, readonly string[]>,
    /** Fires when the run phase is over; services return from run() then. */
    readonly shutdown: ShutdownSignal = new ShutdownSignal(),
  ) {}

  /** Addresses of every process of `role`, in index order (this process included if it has that role). */
  peers(role: string): string[] {
    const addresses = this.addressesByRole.get(role);
    if (addresses === undefined) {
      throw new RangeError(`TopologyInfo.peers("${role}"): no such role; the roles are ${this.roles().join(', ')}`);
    }
    return [...addresses];
  }

  /** Role names in declaration order. */
  roles(): string[] {
    return [...this.addressesByRole.keys()];
  }
}
