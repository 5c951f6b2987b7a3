// A small chatty scenario for engine tests: tasks that sleep random amounts, hand values to each
// other through simulated waits, and read the (virtualized) clock and Math.random.
import { SimRandomProvider } from '../providers/sim-random-provider.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import type { SimWorld } from './world.js';

export async function chattyScenario(world: SimWorld): Promise<number> {
  const time = new SimTimeProvider(world);
  const random = new SimRandomProvider(world.rng.user);
  const mailbox: number[] = [];
  const workers = [0, 1, 2, 3].map((id) =>
    world.spawn(`worker-${id}`, async () => {
      for (let i = 0; i < 5; i++) {
        await time.sleep(random.int(0, 20));
        mailbox.push(id * 100 + i + (Math.random() < 0.5 ? 0 : 1000) + (Date.now() % 7));
      }
    }),
  );
  for (const worker of workers) await worker.join();
  return mailbox.reduce((sum, value, index) => (sum * 31 + value * (index + 1)) % 1_000_000_007, 0);
}
