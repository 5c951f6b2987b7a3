// Baseline for round trips: the floor loop carrying a ping to a server and a pong back, each
// hop one event (no encoding, no framing, no checks), as FACTS.md's ~200k RTT/s loop.
import { FloorLoop } from './floor-loop.js';
import { realGlobals } from '../src/core/real-globals.js';

export async function floorRttPerSec(rounds: number): Promise<number> {
  const loop = new FloorLoop();
  let served = 0;
  const server = async (ping: number): Promise<number> => {
    await loop.sleep(0.05);
    served++;
    return ping + 1;
  };
  const start = realGlobals.performanceNow();
  const client = (async () => {
    for (let i = 0; i < rounds; i++) {
      const pong = await server(i);
      await loop.sleep(0.05);
      if (pong !== i + 1) throw new Error('floor loop lost a pong');
    }
  })();
  await loop.run();
  await client;
  if (served !== rounds) throw new Error(`floor loop served ${served} of ${rounds}`);
  return rounds / ((realGlobals.performanceNow() - start) / 1000);
}
