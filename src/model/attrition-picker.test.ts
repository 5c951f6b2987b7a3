// The choices attrition makes, shared by simulated seeds and --real runs, with scripted draws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttritionConfig } from './attrition-options.js';
import { AttritionPicker, deadCount, type AttritionCandidate, type AttritionRandom } from './attrition-picker.js';

interface Proc extends AttritionCandidate {
  name: string;
}

function proc(name: string, role: string, zone: number, state: Partial<Omit<Proc, 'name' | 'role' | 'zone'>> = {}, service = true): Proc {
  return { name, role, zone, up: true, stopping: false, ready: true, runReturned: false, definition: { service }, ...state };
}

/** Draws from scripted values; `calls` records their order. */
function scripted(floats: number[], picks: number[] = []) {
  const calls: string[] = [];
  const rng: AttritionRandom = {
    float: () => (calls.push('float'), floats.shift() ?? 0),
    between: (lo, hi) => (calls.push(`between ${lo} ${hi}`), lo),
    pick: (items) => (calls.push(`pick of ${items.length}`), items[picks.shift() ?? 0]),
  };
  return { rng, calls };
}

function config(overrides: Partial<AttritionConfig> = {}): AttritionConfig {
  return { deadMax: 1, kinds: { graceful: 0, crash: 1, wipe: 0 }, intervalMs: [10, 20], downMs: [100, 200], roles: undefined, scope: 'process', graceMs: 50, ...overrides };
}

test('AttritionPicker draws the kind by weight, then the down time, then the target, in that order', () => {
  const { rng, calls } = scripted([0, 0.5, 0.99]);
  const picker = new AttritionPicker(config({ kinds: { graceful: 1, crash: 2, wipe: 0 } }), rng);
  const procs = [proc('a', 'server', 0), proc('b', 'server', 1)];
  assert.equal(picker.intervalMs(), 10);
  assert.equal(picker.next(procs).kind, 'graceful');
  assert.equal(picker.next(procs).kind, 'crash');
  const last = picker.next(procs);
  assert.equal(last.kind, 'crash', 'a kind of weight 0 is never drawn');
  assert.equal(last.downMs, 100);
  assert.deepEqual(calls.slice(0, 4), ['between 10 20', 'float', 'between 100 200', 'pick of 2']);
});

test('AttritionPicker (process scope) never exceeds deadMax and picks only live processes of the roles, never a finished client', () => {
  const { rng } = scripted([], [0, 0, 0, 0]);
  const picker = new AttritionPicker(config({ deadMax: 2, roles: ['server'] }), rng);
  const server = proc('s0', 'server', 0);
  const procs = [
    proc('down', 'server', 1, { up: false }),
    proc('stopping', 'server', 2, { stopping: true }),
    proc('client', 'client', 3),
    server,
  ];
  assert.equal(deadCount(procs), 2, 'a process stopping gracefully counts as dead');
  assert.deepEqual(picker.next(procs).targets, [], 'two dead already');
  procs[1] = proc('recovering', 'server', 2, { ready: false });
  assert.equal(deadCount(procs), 2, 'a restarted process still in setup() counts as dead');
  assert.deepEqual(picker.next(procs).targets, [], 'two dead already, one of them recovering');
  procs[1] = proc('stopping', 'server', 2);
  assert.deepEqual(picker.next(procs).targets.map((p) => p.name), ['stopping'], 'the first eligible server');
  const everyRole = new AttritionPicker(config({ deadMax: 3 }), scripted([], [1, 1]).rng);
  const clients = [proc('done', 'client', 0, { runReturned: true }, false), proc('busy', 'client', 1, {}, false), proc('svc', 'server', 2, { runReturned: true })];
  assert.deepEqual(everyRole.next(clients).targets.map((p) => p.name), ['svc'], 'a returned service may go; a finished non-service never');
});

test('AttritionPicker (zone scope) takes every live member of a zone that fits under deadMax', () => {
  const { rng } = scripted([], [0]);
  const picker = new AttritionPicker(config({ deadMax: 2, scope: 'zone', roles: ['server'] }), rng);
  const procs = [
    proc('s0', 'server', 0),
    proc('s1', 'server', 1),
    proc('s2', 'server', 0),
    proc('c0', 'client', 1),
    proc('s3', 'server', 0),
  ];
  // Zone 0 has three live members (too many for deadMax 2); zone 1 has a server and a client.
  assert.deepEqual(picker.next(procs).targets.map((p) => p.name), ['s1', 'c0']);
  procs[1] = proc('s1', 'server', 1, { up: false });
  assert.deepEqual(picker.next(procs).targets, [], 'zone 0 is too big now, and zone 1 has no live server');
});
