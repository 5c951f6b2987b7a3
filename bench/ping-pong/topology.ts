import { Topology } from 'moonpool';
import { PingClient } from '../../workloads/ping-pong/ping-client.js';
import { PingServer } from '../../workloads/ping-pong/ping-server.js';
import { PING_PONG_INVARIANTS } from './invariants.js';

/** The bundled ping-pong (workloads/ping-pong/topology.ts) with the bench's tuned invariants:
 * what the seeds/s, explore and paired figures run, always 1x1 under `hostile`. */
@Topology({
  name: 'ping-pong',
  roles: { server: PingServer, client: PingClient },
  layouts: [{ server: 1, client: 1 }],
  invariants: PING_PONG_INVARIANTS,
  network: 'hostile',
  attrition: { deadMax: 1, kinds: { crash: 2, graceful: 1 }, intervalMs: [300, 2_000], downMs: [50, 1_000], roles: ['server'] },
})
export class PingPong {}
