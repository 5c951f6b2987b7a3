import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FaultLog, type FaultSink } from './fault-log.js';

test('property: every fault gets the next ordinal, and exactly those in the keep set apply', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 60 }), fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 70 }))), (count, keep) => {
      const log = new FaultLog({ nowMs: 0 }, keep === null ? undefined : new Set(keep), true);
      const applied: number[] = [];
      for (let i = 1; i <= count; i++) if (log.admit('p', 'partition', () => 'x')) applied.push(i);
      assert.equal(log.count, count);
      assert.deepEqual(log.applied?.map((fault) => fault.ordinal), applied);
      const expected = Array.from({ length: count }, (_, i) => i + 1).filter((n) => keep === null || keep.includes(n));
      assert.deepEqual(applied, expected);
    }),
  );
});

test('descriptions are built only when someone reads them, and kept for applied faults when asked', () => {
  let built = 0;
  const text = () => `fault ${++built}`;
  const quiet = new FaultLog({ nowMs: 0 }, undefined, false);
  quiet.admit('p', 'bitFlip', text);
  assert.equal(built, 0, 'a bulk run builds no text');
  const clock = { nowMs: 12.5 };
  const described = new FaultLog(clock, new Set([2]), true);
  const heard: string[] = [];
  const sink: FaultSink = { fault: (process, family, t, ordinal, applied) => heard.push(`${process} ${family} ${t} #${ordinal} ${applied}`) };
  described.sink = sink;
  assert.equal(described.admit('10.0.0.1', 'readClog', text), false);
  assert.equal(described.admit('10.0.0.2', 'writeClog', text), true);
  assert.deepEqual(described.applied, [{ ordinal: 2, timeMs: 12.5, process: '10.0.0.2', family: 'writeClog', text: 'fault 2' }]);
  assert.deepEqual(heard, ['10.0.0.1 readClog fault 1 #1 false', '10.0.0.2 writeClog fault 2 #2 true']);
});

test('a keep set of anything but ordinals >= 1 is a bug', () => {
  assert.throws(() => new FaultLog({ nowMs: 0 }, new Set([0]), false), /fault ordinal 0/);
});
