import { Topology } from 'moonpool';
import { PING_PONG_INVARIANTS } from './invariants.js';
import { PingClient } from './ping-client.js';
import { PingServer } from './ping-server.js';

/** Autonomous ping-pong under a hostile network, with servers crashing and rebooting (clients
 * reconnect and go on); the seventh detector (correlation) is the client's alwaysAssert that
 * each pong answers its own ping. */
@Topology({
  name: 'ping-pong',
  roles: { server: PingServer, client: PingClient },
  layouts: [
    { server: 1, client: 1 },
    { server: 1, client: 2 },
    { server: 1, client: 10 },
    { server: 2, client: 2 },
    { server: 10, client: 10 },
    { server: [1, 4], client: [1, 12] },
  ],
  invariants: PING_PONG_INVARIANTS,
  network: 'hostile',
  attrition: { deadMax: 1, kinds: { crash: 2, graceful: 1 }, intervalMs: [300, 2_000], downMs: [50, 1_000], roles: ['server'] },
  seeds: 20,
})
export class PingPong {}
