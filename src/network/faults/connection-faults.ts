import type { NetworkCore } from '../network-core.js';
import type { SimConnection } from '../sim-connection.js';

/** Random connection close: FIN (`connectionClose`) or RST (`connectionReset`), from one end
 * (either) or from both at once, as if the process behind it gave up on the connection. */
export function injectConnectionFault(core: NetworkCore, family: 'connectionClose' | 'connectionReset', connection: SimConnection): void {
  const ends = core.rng.bool(0.5) ? [connection, connection.peer] : [core.rng.pick([connection, connection.peer])];
  const text = () => `${family} ${ends.map((end) => end.localAddress).join(' and ')} (${connection.localAddress} ↔ ${connection.remoteAddress})`;
  if (!core.chaos.admit(family, connection.localAddress, text)) return;
  for (const end of ends) {
    if (family === 'connectionClose') end.close();
    else end.reset();
  }
}
