// The declaring file a decorator records must be the user's file whether the library runs from
// src/ (tsx) or built (dist/, as installed), even with source maps on: tsx turns them on, and the
// built library's stack frames then read as src/sim/*.ts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import 'reflect-metadata';
import * as fromSource from '../internal.js';

const FILE = 'src/model/source-file.test.ts';
const DIST_INDEX = join(import.meta.dirname, '..', '..', 'dist', 'src', 'internal.js');

type SimApi = typeof fromSource;
type Library = typeof import('../internal.js');

async function builtLibrary(): Promise<Library> {
  assert.ok(existsSync(DIST_INDEX), `${DIST_INDEX} is missing: this test checks the built library. Run \`npm run build\` (npm test does it first).`);
  return (await import(pathToFileURL(DIST_INDEX).href)) as Library;
}

/** Declares a workload, an invariant and a topology with `api`'s decorators, called from this file. */
function declareWith(api: SimApi, name: string) {
  class Node {
    async run(): Promise<void> {}
  }
  class Quiet {
    check(): void {}
  }
  class Scenario {}
  api.Workload(`${name}-node`)(Node);
  api.Invariant(`${name}-quiet`)(Quiet);
  api.Topology({ name, roles: { node: Node }, layouts: [{ node: 1 }], invariants: [Quiet] })(Scenario);
  // tsc's __decorate goes through reflect-metadata's Reflect.decorate: plumbing, not the declarer.
  class Decorated {
    async run(): Promise<void> {}
  }
  Reflect.decorate([api.Workload(`${name}-decorated`) as ClassDecorator], Decorated);
  return {
    workload: api.workloadOf(Node)?.file,
    invariant: api.invariantOf(Quiet)?.file,
    topology: api.topologyOf(Scenario)?.file,
    decorated: api.workloadOf(Decorated)?.file,
  };
}

const EXPECTED = { workload: FILE, invariant: FILE, topology: FILE, decorated: FILE };

test('decorators from src/ record the file that applied them', () => {
  assert.ok(process.sourceMapsEnabled, 'tsx runs this test with source maps on, the case that matters');
  assert.deepEqual(declareWith(fromSource, 'source-file-src'), EXPECTED);
});

test('decorators of the built library (dist/) record the user file, not the library through its source maps', async () => {
  assert.deepEqual(declareWith(await builtLibrary(), 'source-file-dist'), EXPECTED);
});

test('call sites the built library reports (assertions, buggify sites, the guard) name the user file', async () => {
  const lib = await builtLibrary();
  const alwaysAssert: Library['alwaysAssert'] = lib.alwaysAssert;
  const site = new RegExp(`^${FILE.replace(/\./g, '\\.')}:\\d+:\\d+$`);
  class Chaotic {
    run(): void {
      for (let i = 0; i < 4; i++) lib.buggify(0.5);
      alwaysAssert(false, 'the built library names this line');
    }
  }
  lib.Workload('chaotic')(Chaotic);
  class ChaoticTopology {}
  lib.Topology({ name: 'source-file-sites', roles: { node: Chaotic }, layouts: [{ node: 1 }], network: 'perfect', buggify: 'on' })(ChaoticTopology);
  const report = await lib.runSimulation({ topology: ChaoticTopology, seeds: 40 });
  for (const result of report.results) assert.match(result.failure?.where ?? '', site);
  const enabled = new Set(report.results.flatMap((r) => r.options['chaos.enabledSites'] as string[]));
  assert.ok(enabled.size > 0 && [...enabled].every((s) => site.test(s)), `buggify sites: ${[...enabled].join(', ')}`);

  class Random {
    run(): void {
      Math.random();
    }
  }
  lib.Workload('random')(Random);
  class RandomTopology {}
  lib.Topology({ name: 'source-file-guard', roles: { node: Random }, layouts: [{ node: 1 }], network: 'perfect' })(RandomTopology);
  const guarded = await lib.runSimulation({ topology: RandomTopology, seeds: 1, guard: 'reject' });
  assert.equal(guarded.results[0].failure?.kind, 'nondeterminism');
  assert.match(guarded.results[0].failure!.message, new RegExp(`Math\\.random\\(\\) called at ${FILE.replace(/\./g, '\\.')}:\\d+:\\d+ during`));
});
