import { ConnectionRefusedError, ConnectionTimedOutError } from '../providers/network-errors.js';
import { parseAddress } from '../providers/network-provider.js';
import { injectFault } from './faults/inject-fault.js';
import { formatMs } from '../core/format-ms.js';
import type { Host } from './host-table.js';
import type { NetworkCore } from './network-core.js';
import { SimConnection } from './sim-connection.js';

/** The client side of a handshake from `host` to `address`: rolls the connect faults, waits
 * out partitions between the two hosts (SYN retransmission), then either reaches a listener
 * (resolving after the round trip) or is refused (rejecting after the round trip). */
export function simConnect(core: NetworkCore, host: Host, address: string): Promise<SimConnection> {
  const { host: targetIp, port } = parseAddress(address);
  const { world, faults, latency, chaos } = core;
  const waiter = world.waiter<SimConnection>(`connect(${host.ip}->${address})`);
  // A crash of the connecting process voids its handshake: the SYN it sent finds no socket
  // to answer (the server never sees it), or the SYN-ACK is answered with a reset.
  const epoch = host.epoch;
  let fault = chaos.roll('connect');
  let hangMs = 0;
  if (fault === 'connectFail' || fault === 'connectHang') {
    const family = fault;
    const durationMs = chaos.durationMs(family);
    if (!chaos.admit(family, host.ip, () => `${family} ${host.ip} → ${address} for ${formatMs(durationMs)}`, durationMs)) fault = undefined;
    else if (family === 'connectHang') hangMs = durationMs;
    else {
      world.schedule(durationMs, 'net-connect-fail', () => waiter.reject(new ConnectionTimedOutError(address, `simulated connect failure from ${host.ip}`)));
      return waiter.promise;
    }
  }
  if (fault !== undefined && fault !== 'connectHang') injectFault(core, fault, { fromIp: host.ip, toIp: targetIp });

  const arrive = () => {
    if (host.epoch !== epoch) return;
    const listener = core.hosts.listenerAt(targetIp, port);
    const backMs = latency.sampleMs('connect', targetIp, host.ip);
    if (listener === undefined) {
      world.schedule(backMs, 'net-refused', () => waiter.reject(new ConnectionRefusedError(address)));
      return;
    }
    const clientPort = host.allocatePort((p) => host.listeners.has(p) || core.hosts.connections.has(`${host.ip}:${p}|${listener.address}`));
    const [client, server] = SimConnection.open(core, { ip: host.ip, address: `${host.ip}:${clientPort}` }, { ip: targetIp, address: listener.address });
    world.schedule(backMs, 'net-syn-ack', () => {
      if (host.epoch !== epoch) return client.reset();
      world.timeline?.connection('connect', client.localAddress, client.remoteAddress);
      waiter.resolve(client);
    });
    world.schedule(latency.sampleMs('accept', targetIp, targetIp), 'net-accept', () => listener.enqueue(server));
  };
  const attempt = () => {
    if (faults.isBlocked(host.ip, targetIp) || faults.isBlocked(targetIp, host.ip)) return faults.whenUnblocked(attempt);
    world.schedule(latency.sampleMs('connect', host.ip, targetIp), 'net-syn', arrive);
  };
  if (fault === 'connectHang') {
    world.schedule(hangMs, 'net-connect-hang', attempt);
  } else {
    attempt();
  }
  return waiter.promise;
}
