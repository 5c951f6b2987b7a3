// `npm run bench`: every figure beside the baseline measured in the same run, a table, then one JSON line.
import { floorEventsPerSec, simEventsPerSec } from './core-bench.js';

const EVENTS = 300_000;

async function best<T extends { perSec: number }>(runs: number, f: () => Promise<T>): Promise<T> {
  let top: T | undefined;
  for (let i = 0; i < runs; i++) {
    const r = await f();
    if (top === undefined || r.perSec > top.perSec) top = r;
  }
  return top!;
}

const floor = await best(3, () => floorEventsPerSec(EVENTS));
const sim = await best(3, () => simEventsPerSec(EVENTS));

const rows: [string, number, number, string][] = [
  ['events/s: floor loop (heap + setImmediate)', floor.perSec, 1, 'baseline'],
  ['events/s: SimWorld + 1 invariant per event', sim.perSec, sim.perSec / floor.perSec, '>= 0.5'],
];
console.log('metric'.padEnd(48) + 'value'.padStart(14) + 'vs floor'.padStart(10) + '  target');
for (const [name, value, ratio, target] of rows) {
  console.log(name.padEnd(48) + Math.round(value).toLocaleString('en-US').padStart(14) + ratio.toFixed(2).padStart(10) + '  ' + target);
}
console.log(
  JSON.stringify({
    floorEventsPerSec: Math.round(floor.perSec),
    simEventsPerSec: Math.round(sim.perSec),
    simOverFloor: Number((sim.perSec / floor.perSec).toFixed(3)),
  }),
);
