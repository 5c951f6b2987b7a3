import { invariant } from '../../core/assert.js';
import type { Cut } from '../fault-state.js';
import type { NetworkCore } from '../network-core.js';

/** Every host of `a` and every host of `b` lose contact, both ways. */
export function partitionCut(a: readonly string[], b: readonly string[]): Cut {
  const groupA = new Set(a);
  const groupB = new Set(b);
  invariant(![...groupA].some((ip) => groupB.has(ip)), 'partition groups must not overlap');
  return {
    family: 'partition',
    blocks: (from, to) => (groupA.has(from) && groupB.has(to)) || (groupB.has(from) && groupA.has(to)),
  };
}

/** One host loses contact with every other host (including hosts added later). */
export function isolateCut(ip: string): Cut {
  return { family: 'isolate', blocks: (from, to) => from !== to && (from === ip || to === ip) };
}

/** Bytes from `from` to `to` stop; the other direction still flows. */
export function oneWayCut(from: string, to: string): Cut {
  return { family: 'oneWayPartition', blocks: (f, t) => f === from && t === to };
}

/** A random partition of the known hosts: two random groups, one isolated host, or one
 * direction between two hosts. Needs at least two hosts (otherwise nothing happens). */
export function injectPartition(core: NetworkCore, family: Cut['family']): void {
  const ips = core.hosts.ips();
  if (ips.length < 2) return;
  const rng = core.rng;
  let cut: Cut;
  const zones = core.partitionsAlongZones && core.zones !== undefined ? [...new Set(ips.map((ip) => core.zones!.get(ip) ?? -1))] : [];
  if (family === 'partition' && zones.length >= 2) {
    // Zones are failure domains: a random partition keeps each zone whole.
    const shuffled = rng.shuffle(zones);
    const sideA = new Set(shuffled.slice(0, rng.int(1, shuffled.length - 1)));
    const inA = (ip: string) => sideA.has(core.zones!.get(ip) ?? -1);
    cut = partitionCut(ips.filter(inA), ips.filter((ip) => !inA(ip)));
  } else if (family === 'partition') {
    const shuffled = rng.shuffle(ips);
    const split = rng.int(1, shuffled.length - 1);
    cut = partitionCut(shuffled.slice(0, split), shuffled.slice(split));
  } else if (family === 'isolate') {
    cut = isolateCut(rng.pick(ips));
  } else {
    const [from, to] = rng.shuffle(ips);
    cut = oneWayCut(from, to);
  }
  core.faults.addCut(cut, core.chaos.durationMs(family));
  core.chaos.count(family);
}
