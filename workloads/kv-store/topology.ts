import { StateRegistry, Inject, Topology, alwaysAssert } from 'moonpool';
import { KvClient } from './kv-client.js';
import { NoAcknowledgedWriteLost, NoPhantomReads } from './invariants.js';
import { Replica } from './replica.js';

/** A replicated key-value store: quorum writes survive hostile faults, process crashes and a
 * lying disk (a rebooted replica replays its write-ahead log and repairs it from its peers),
 * replicas converge after heal. */
@Topology({
  name: 'kv-store',
  roles: { replica: Replica, client: KvClient },
  layouts: [
    { replica: 3, client: 2 },
    { replica: 5, client: 3 },
  ],
  invariants: [NoAcknowledgedWriteLost, NoPhantomReads],
  network: 'hostile',
  storage: 'default',
  // One process down at a time (a restarted replica counts as down until its setup() has
  // recovered its data), crashed, stopped gracefully or wiped every 0.5 to 3 simulated seconds.
  attrition: { deadMax: 1, kinds: { crash: 2, graceful: 1, wipe: 1 }, intervalMs: [500, 3_000], downMs: [100, 1_500] },
  seeds: 20,
})
export class KvStore {
  constructor(@Inject(StateRegistry) private readonly state: StateRegistry) {}

  /** After the liveness phase's anti-entropy, every replica holds the same data. */
  check(): void {
    const snapshot = this.state.snapshot();
    const canonical = (store: Record<string, unknown>) => JSON.stringify(Object.keys(store).sort().map((k) => [k, store[k]]));
    const stores = snapshot
      .keys()
      .filter((k) => k.startsWith('kv/replica/'))
      .map((k) => [k, canonical(snapshot.get<Record<string, unknown>>(k) ?? {})]);
    for (const [key, store] of stores) {
      alwaysAssert(store === stores[0][1], `replicas diverge after heal: ${key} holds ${store}, ${stores[0][0]} holds ${stores[0][1]}`);
    }
  }
}
