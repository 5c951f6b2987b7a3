import { ShutdownSignal } from './shutdown-signal.js';

/**
 * Where this process sits in its topology: its role, index, address, failure zone and
 * incarnation, and the addresses of every process by role. An injection token: ask for it with
 * `@Inject(TopologyInfo)`. A rebooted process gets a new one, with `incarnation` one higher.
 */
export class TopologyInfo {
  constructor(
    readonly role: string,
    readonly index: number,
    /** `10.0.0.k:port` in a simulation. */
    readonly address: string,
    private readonly addressesByRole: ReadonlyMap<string, readonly string[]>,
    /** Fires when this process must stop: at the end of the run phase (services return from
     * run() then), or when it is stopped gracefully. */
    readonly shutdown: ShutdownSignal = new ShutdownSignal(),
    /** The failure domain: a zone's processes can go down together (`rebootZone`). Without
     * `zones` on the topology, each process is its own zone. */
    readonly zone = 0,
    /** 0 for the first start of this process, one more after each reboot. */
    readonly incarnation = 0,
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
