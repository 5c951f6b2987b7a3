import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import { SimWorld } from '../core/world.js';
import { buggify } from './buggify.js';
import { buggifyCallsPerSec } from './buggify.bench-support.js';
import { attachChaos, siteEnabled, type ChaosContext, type ChaosOptions } from './chaos-context.js';

/** Runs `body` in a seed with chaos attached; returns what it returned and the context. */
async function inSeed<T>(seed: number, options: ChaosOptions, body: (chaos: ChaosContext, world: SimWorld) => T) {
  let out: { value: T; chaos: ChaosContext; draws: number } | undefined;
  await runInWorld({ seed }, (world) => {
    const chaos = attachChaos(world, options);
    const value = body(chaos, world);
    out = { value, chaos, draws: world.rng.buggify.draws };
  });
  assert.ok(out !== undefined);
  return out;
}

/** Three sites on fixed lines; the middle one only runs when asked, as if newly added. */
function threeSites(withNewSite: boolean): boolean[] {
  const first = buggify(1);
  const added = withNewSite ? buggify(1) : undefined;
  const last = buggify(1);
  return added === undefined ? [first, last] : [first, last, added];
}

test('buggify is false outside a simulation and in a world without a chaos context', async () => {
  for (let i = 0; i < 100; i++) assert.equal(buggify(1), false);
  await runInWorld({ seed: 1 }, () => {
    for (let i = 0; i < 100; i++) assert.equal(buggify(1), false);
  });
});

test('forced off: never fires and draws nothing; liveness turns a forced-on seed off', async () => {
  const off = await inSeed(4, { buggify: 'off', siteProbability: 1 }, () => Array.from({ length: 50 }, () => buggify(1)));
  assert.ok(off.value.every((fired) => !fired));
  assert.equal(off.draws, 0);
  assert.equal(off.chaos.buggifyEnabled, false);
  const live = await inSeed(4, { buggify: 'on', siteProbability: 1 }, (chaos) => {
    const before = buggify(1);
    chaos.setLiveness(true);
    const during = Array.from({ length: 50 }, () => buggify(1));
    return { before, during };
  });
  assert.equal(live.value.before, true);
  assert.ok(live.value.during.every((fired) => !fired));
});

test('forced on: an enabled site fires with its probability; the site is named relative to the project', async () => {
  const on = await inSeed(8, { buggify: 'on', siteProbability: 1 }, () => {
    const always = Array.from({ length: 20 }, () => buggify(1));
    const never = Array.from({ length: 20 }, () => buggify(0));
    let fired = 0;
    for (let i = 0; i < 2000; i++) if (buggify(0.3)) fired++;
    return { always, never, fired };
  });
  assert.ok(on.value.always.every(Boolean));
  assert.ok(!on.value.never.some(Boolean));
  assert.ok(on.value.fired > 450 && on.value.fired < 750, `fired ${on.value.fired} of 2000 at p=0.3`);
  const sites = on.chaos.enabledSites();
  assert.equal(sites.length, 3);
  for (const site of sites) assert.match(site, /^src\/chaos\/buggify\.test\.ts:\d+:\d+$/);
  assert.deepEqual(on.chaos.describe(), { buggify: 'on', siteProbability: 1, enabledSites: sites });
});

test('a site is named relative to the project root of its seed, whatever seeds cached its key before', async () => {
  const here = new URL('.', import.meta.url).pathname;
  const named = async (projectRoot: string | undefined) =>
    (await inSeed(3, { buggify: 'on', siteProbability: 1, projectRoot }, () => threeSites(false))).chaos.enabledSites();
  const fromRepo = await named(undefined);
  const fromChaos = await named(here);
  assert.deepEqual(await named(undefined), fromRepo, 'a second seed names the sites the same way');
  assert.equal(fromRepo.length, 2);
  for (const site of fromRepo) assert.match(site, /^src\/chaos\/buggify\.test\.ts:\d+:\d+$/);
  assert.deepEqual(fromChaos, fromRepo.map((site) => site.replace('src/chaos/', '')));
});

test('site enablement: about 25% of sites per seed and of seeds per site, a pure function of both', () => {
  const sites = Array.from({ length: 4000 }, (_, i) => `src/service-${i}.ts:${i % 300}:${i % 17}`);
  const perSeed = sites.filter((site) => siteEnabled(1234, site, 0.25)).length / sites.length;
  assert.ok(perSeed > 0.22 && perSeed < 0.28, `${perSeed} of sites enabled`);
  let perSite = 0;
  for (let seed = 0; seed < 4000; seed++) if (siteEnabled(seed, 'src/server.ts:42:9', 0.25)) perSite++;
  assert.ok(perSite > 880 && perSite < 1120, `${perSite} of 4000 seeds enable the site`);
  for (const site of sites.slice(0, 100)) assert.equal(siteEnabled(77, site, 0.25), siteEnabled(77, site, 0.25));
  assert.ok(sites.every((site) => siteEnabled(5, site, 1) && !siteEnabled(5, site, 0)));
});

test("'auto' turns buggify on for about half of the seeds, the same way on every run of a seed", async () => {
  let on = 0;
  for (let seed = 0; seed < 200; seed++) {
    const a = await inSeed(seed, { buggify: 'auto' }, () => undefined);
    const b = await inSeed(seed, { buggify: 'auto' }, () => undefined);
    assert.equal(a.chaos.buggifyEnabled, b.chaos.buggifyEnabled, `seed ${seed}`);
    if (a.chaos.buggifyEnabled) on++;
  }
  assert.ok(on > 70 && on < 130, `${on} of 200 seeds had buggify on`);
});

test('the same seed gives the same buggify decisions; different seeds differ', async () => {
  const decisions = async (seed: number) =>
    (await inSeed(seed, { buggify: 'on', siteProbability: 0.5 }, (chaos) => {
      const fired: boolean[] = [];
      for (let i = 0; i < 30; i++) fired.push(buggify(0.5), buggify(0.5), buggify(0.9), buggify(0.1));
      return { fired, sites: chaos.enabledSites() };
    })).value;
  // One seed at a time: seeds share the thread's globals (the guard).
  const runs = [];
  for (const seed of [11, 12, 13]) runs.push({ a: await decisions(seed), b: await decisions(seed) });
  for (const { a, b } of runs) assert.deepEqual(a, b);
  assert.notDeepEqual(runs[0].a.fired, runs[1].a.fired);
});

test('adding a buggify site does not change whether the other sites are enabled', async () => {
  let seedsWithNewSite = 0;
  for (let seed = 0; seed < 200; seed++) {
    const before = await inSeed(seed, { buggify: 'on', siteProbability: 0.5 }, (chaos) => ({ fired: threeSites(false), sites: chaos.enabledSites() }));
    const after = await inSeed(seed, { buggify: 'on', siteProbability: 0.5 }, (chaos) => ({ fired: threeSites(true), sites: chaos.enabledSites() }));
    assert.deepEqual(after.value.fired.slice(0, 2), before.value.fired, `seed ${seed}`);
    const added = after.value.sites.filter((site) => !before.value.sites.includes(site));
    assert.deepEqual(after.value.sites.filter((site) => !added.includes(site)), before.value.sites, `seed ${seed}`);
    if (after.value.fired[2]) seedsWithNewSite++;
  }
  assert.ok(seedsWithNewSite > 60 && seedsWithNewSite < 140, 'the new site itself is enabled in about half of the seeds');
});

test('bad input: a firing probability outside [0, 1], bad options, attaching twice', async () => {
  assert.throws(() => buggify(1.5), /buggify\(1\.5\): the firing probability must be a number in \[0, 1\]/);
  assert.throws(() => buggify(Number.NaN), RangeError);
  const world = new SimWorld({ seed: 31 });
  assert.throws(() => attachChaos(world, { buggify: 'on', siteProbability: 2 }), /attachChaos \(seed 31\).*siteProbability a number in \[0, 1\]/);
  assert.throws(() => attachChaos(world, { buggify: 'maybe' as 'on' }), /buggify must be 'auto', 'on' or 'off'/);
  attachChaos(world, { buggify: 'off' });
  assert.throws(() => attachChaos(world, { buggify: 'off' }), /seed 31 already has a chaos context/);
});

test('bench support counts every call and reports how many fired', async () => {
  const rate = await buggifyCallsPerSec(4000);
  assert.equal(rate.calls, 4000);
  assert.ok(rate.fired > 0 && rate.fired < 4000);
  assert.ok(rate.perSec > 0);
});
