import { invariant } from '../../core/assert.js';
import type { Cut } from '../fault-state.js';
import type { NetworkCore } from '../network-core.js';
import { formatMs } from '../../core/format-ms.js';
import { SIM_LANE } from '../../core/timeline-recorder.js';

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
  let text: string;
  const zones = core.partitionsAlongZones && core.zones !== undefined ? [...new Set(ips.map((ip) => core.zones!.get(ip) ?? -1))] : [];
  if (family === 'partition' && zones.length >= 2) {
    // Zones are failure domains: a random partition keeps each zone whole.
    const shuffled = rng.shuffle(zones);
    const sideA = new Set(shuffled.slice(0, rng.int(1, shuffled.length - 1)));
    const inA = (ip: string) => sideA.has(core.zones!.get(ip) ?? -1);
    const a = ips.filter(inA);
    const b = ips.filter((ip) => !inA(ip));
    cut = partitionCut(a, b);
    text = `${a.join(',')} | ${b.join(',')}`;
  } else if (family === 'partition') {
    const shuffled = rng.shuffle(ips);
    const split = rng.int(1, shuffled.length - 1);
    const [a, b] = [shuffled.slice(0, split), shuffled.slice(split)];
    cut = partitionCut(a, b);
    text = `${a.join(',')} | ${b.join(',')}`;
  } else if (family === 'isolate') {
    const ip = rng.pick(ips);
    cut = isolateCut(ip);
    text = ip;
  } else {
    const [from, to] = rng.shuffle(ips);
    cut = oneWayCut(from, to);
    text = `${from} → ${to}`;
  }
  const durationMs = core.chaos.durationMs(family);
  if (core.chaos.admit(family, SIM_LANE, () => `${family} ${text} for ${formatMs(durationMs)}`, durationMs)) core.faults.addCut(cut, durationMs);
}
