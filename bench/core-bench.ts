import { FloorLoop } from './floor-loop.js';
import { SimWorld } from '../src/core/world.js';
import { SimTimeProvider } from '../src/providers/sim-time-provider.js';
import { realGlobals } from '../src/core/real-globals.js';

const TASKS = 100;

export interface Rate {
  events: number;
  seconds: number;
  perSec: number;
}

function rate(events: number, startMs: number): Rate {
  const seconds = (realGlobals.performanceNow() - startMs) / 1000;
  return { events, seconds, perSec: events / seconds };
}

/** `TASKS` tasks, each sleeping 1..4 ms in a loop, until `totalEvents` wake-ups happened. */
export async function floorEventsPerSec(totalEvents: number): Promise<Rate> {
  const loop = new FloorLoop();
  const rounds = Math.ceil(totalEvents / TASKS);
  for (let t = 0; t < TASKS; t++) {
    void (async () => {
      for (let i = 0; i < rounds; i++) await loop.sleep(1 + ((t + i) % 4));
    })();
  }
  const start = realGlobals.performanceNow();
  await loop.run();
  return rate(loop.events, start);
}

/** The same wake-ups on a SimWorld, with one invariant checked after every event. */
export async function simEventsPerSec(totalEvents: number): Promise<Rate> {
  const world = new SimWorld({ seed: 1, eventsMax: totalEvents * 2 });
  const time = new SimTimeProvider(world);
  const rounds = Math.ceil(totalEvents / TASKS);
  const tasks = Array.from({ length: TASKS }, (_, t) =>
    world.spawn(
      `sleeper-${t}`,
      async () => {
        for (let i = 0; i < rounds; i++) await time.sleep(1 + ((t + i) % 4));
      },
      true,
    ),
  );
  let checks = 0;
  world.onAfterEvent((w) => {
    checks++;
    if (w.nowMs < 0) throw new Error('time went negative');
  });
  const start = realGlobals.performanceNow();
  await world.run(() => tasks.every((t) => t.finished));
  if (checks !== world.eventIndex) throw new Error('the invariant did not run after every event');
  return rate(world.eventIndex, start);
}
