import { test } from 'node:test';
import assert from 'node:assert/strict';
import { providerContract } from './contract.test-support.js';
import { runInWorld } from '../core/run-world.js';
import { SimTimeProvider } from './sim-time-provider.js';
import { SimTaskProvider } from './sim-task-provider.js';
import { SimRandomProvider } from './sim-random-provider.js';
import { NodeTimeProvider } from './node-time-provider.js';
import { NodeTaskProvider } from './node-task-provider.js';
import { NodeRandomProvider } from './node-random-provider.js';
import { parseAddress } from './network-provider.js';
import { ProcessLife } from './process-life.js';

providerContract('sim', async (body) => {
  await runInWorld({ seed: 11 }, (world) =>
    body({
      time: new SimTimeProvider(world),
      tasks: new SimTaskProvider(world),
      random: new SimRandomProvider(world.rng.user),
    }),
  );
});

providerContract('node', (body) =>
  body({ time: new NodeTimeProvider(), tasks: new NodeTaskProvider(), random: new NodeRandomProvider() }),
);

providerContract('node (live ProcessLife)', (body) => {
  const life = new ProcessLife('contract');
  return body({ time: new NodeTimeProvider(life), tasks: new NodeTaskProvider(life), random: new NodeRandomProvider() });
});

test('sim providers: the same seed gives the same random draws', async () => {
  const draws = async (seed: number) => {
    let out: number[] = [];
    await runInWorld({ seed }, (world) => {
      const random = new SimRandomProvider(world.rng.user);
      out = Array.from({ length: 8 }, () => random.int(0, 1000));
    });
    return out;
  };
  assert.deepEqual(await draws(9), await draws(9));
  assert.notDeepEqual(await draws(9), await draws(10));
});

test('parseAddress accepts host:port and explains anything else', () => {
  assert.deepEqual(parseAddress('10.0.0.1:4500'), { host: '10.0.0.1', port: 4500 });
  assert.throws(() => parseAddress('10.0.0.1'), /expected host:port/);
  assert.throws(() => parseAddress('x:70000'), /invalid address/);
});
