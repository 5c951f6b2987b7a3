import { runSimulation, realGlobals } from 'moonpool';
import { PingPong } from '../workloads/ping-pong/topology.js';
for (let round = 0; round < 8; round++) {
  const t0 = realGlobals.performanceNow();
  const report = await runSimulation({ topology: PingPong, seeds: 40, layouts: ['1x1'] } as any);
  const ms = realGlobals.performanceNow() - t0;
  const events = report.results.reduce((s, r) => s + r.events, 0);
  console.log(report.ok, report.results.length, 'seeds', events, 'events', ms.toFixed(0), 'ms', (events / ms * 1000).toFixed(0), 'ev/s');
}
