// Runs one seed of a throwaway topology and returns its failure, checking what every failure
// message must carry: the seed, the position, one paragraph, the replay command last.
import assert from 'node:assert/strict';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Topology, Workload } from '../model/decorators.js';
import type { Constructor, WorkloadInstance } from '../model/definitions.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import type { FailureInfo } from '../model/report.js';
import { runSeed } from './run-seed.js';
import type { SeedRunOptions } from './seed-options.js';

let topologies = 0;

/** Runs seed 3 of a one-layout topology made of these roles (one process each); returns its failure. */
export async function failureOf(roles: Record<string, Constructor<WorkloadInstance>>, extra: object = {}, options: SeedRunOptions = {}): Promise<FailureInfo> {
  const name = `failing-${++topologies}`;
  const layout = Object.fromEntries(Object.keys(roles).map((role) => [role, 1]));
  const target = class {};
  Topology({ name, roles, layouts: [layout], network: 'perfect', ...extra })(target);
  const result = await runSeed(expandLayouts(topologyOf(target)!)[0], 3, options);
  assert.equal(result.ok, false, 'the seed should fail');
  const failure = result.failure!;
  assert.equal(failure.seed, 3);
  assert.match(failure.message, /at seed 3, [\d.]+ ms simulated, event #\d+: /);
  assert.ok(failure.message.endsWith(`Replay: ${result.replay}`), failure.message);
  assert.doesNotMatch(failure.message, /\n/, 'one paragraph');
  // The paragraph holds the detail and the fix the reporters show apart.
  assert.ok(failure.message.includes(failure.detail.replace(/\s*\n\s*/g, ' ').trim().replace(/\.$/, '')), `the detail is in the message: ${failure.message}`);
  if (failure.fix !== undefined) assert.ok(failure.message.includes(failure.fix), `the fix is in the message: ${failure.message}`);
  const sentences = failure.message.split(/(?<=[.;])\s+/).map((s) => s.toLowerCase());
  assert.equal(new Set(sentences).size, sentences.length, `a sentence is repeated: ${failure.message}`);
  return failure;
}

/** Sleeps 10 ms and returns: a well-behaved companion role. */
@Workload()
export class Sleeper {
  constructor(@Inject(TimeProvider) readonly time: TimeProvider) {}
  async run(): Promise<void> {
    await this.time.sleep(10);
  }
}
