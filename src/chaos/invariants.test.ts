import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import type { SimWorld } from '../core/world.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { alwaysAssert } from './assertions.js';
import { InvariantViolation } from './chaos-errors.js';
import { watchInvariants, type InvariantCheck } from './invariants.js';
import { StateRegistry } from './state-registry.js';

interface Ledger {
  sent: number;
  received: number;
  inFlight: number;
}

const conservation: InvariantCheck = {
  name: 'messages are conserved',
  file: 'src/chaos/invariants.test.ts',
  check(state) {
    const ledger = state.get<Ledger>('ledger');
    if (ledger !== undefined && ledger.sent !== ledger.received + ledger.inFlight) {
      throw new Error(`sent ${ledger.sent} != received ${ledger.received} + in flight ${ledger.inFlight}`);
    }
  },
};

interface Outcome {
  error: unknown;
  bugAt: { eventIndex: number; simTimeMs: number; kind: string; ledger: Ledger } | undefined;
  eventsRun: number;
  checks: number;
  eventsChangingState: number;
}

/** A sender and a receiver with random delays; the receiver double-counts message `buggyMessage`
 * (a planted bug). Records the event at which the bug happened. */
async function ledgerSeed(seed: number, buggyMessage: number | undefined, invariants: InvariantCheck[] = [conservation]): Promise<Outcome> {
  const registry = new StateRegistry();
  const ledger: Ledger = { sent: 0, received: 0, inFlight: 0 };
  let bugAt: Outcome['bugAt'];
  let world: SimWorld | undefined;
  let checks = 0;
  const changedAt = new Set<number>();
  const counting: InvariantCheck = { name: 'counts checks', check: () => void checks++ };
  const error = await runInWorld({ seed }, async (w) => {
    world = w;
    watchInvariants(w, registry, [counting, ...invariants]);
    const time = new SimTimeProvider(w);
    const receiver = w.spawn('receiver', async () => {
      for (let n = 1; n <= 20; n++) {
        await time.sleep(w.rng.user.int(1, 9));
        if (ledger.inFlight === 0) await time.sleep(10);
        ledger.inFlight--;
        ledger.received += n === buggyMessage ? 2 : 1;
        if (n === buggyMessage) bugAt = { eventIndex: w.eventIndex, simTimeMs: w.nowMs, kind: w.currentKind, ledger: { ...ledger } };
        registry.set('ledger', ledger);
        changedAt.add(w.eventIndex);
      }
    });
    for (let n = 1; n <= 20; n++) {
      ledger.sent++;
      ledger.inFlight++;
      registry.set('ledger', ledger);
      changedAt.add(w.eventIndex);
      await time.sleep(w.rng.user.int(1, 9));
    }
    await receiver.join();
  }).then(() => undefined, (e: unknown) => e);
  return { error, bugAt, eventsRun: world?.eventIndex ?? 0, checks, eventsChangingState: changedAt.size };
}

test('a correct run checks every invariant after every event that changed the state, and passes', async () => {
  const outcome = await ledgerSeed(3, undefined);
  assert.equal(outcome.error, undefined);
  assert.ok(outcome.eventsRun > 40);
  // An event that set nothing cannot change an invariant's verdict, so its check is skipped.
  assert.ok(outcome.eventsChangingState >= 30 && outcome.eventsChangingState < outcome.eventsRun);
  assert.equal(outcome.checks, outcome.eventsChangingState);
});

test('a planted bug is caught at exactly its event, and the world stops there', async () => {
  for (const seed of [1, 2, 42]) {
    const outcome = await ledgerSeed(seed, 7);
    const error = outcome.error;
    assert.ok(error instanceof InvariantViolation, `seed ${seed}: ${String(error)}`);
    assert.ok(outcome.bugAt !== undefined);
    assert.equal(error.eventIndex, outcome.bugAt.eventIndex);
    assert.equal(error.simTimeMs, outcome.bugAt.simTimeMs);
    assert.equal(outcome.eventsRun, outcome.bugAt.eventIndex, 'no event runs after the violation');
    assert.equal(error.seed, seed);
    assert.equal(error.invariantName, 'messages are conserved');
    const { eventIndex, simTimeMs, kind, ledger } = outcome.bugAt;
    assert.equal(
      error.message.split(' - ')[0],
      `invariant "messages are conserved" (src/chaos/invariants.test.ts) failed after event #${eventIndex} "${kind}" ` +
        `at sim time ${simTimeMs.toFixed(3)} ms, seed ${seed}: sent ${ledger.sent} != received ${ledger.received} + in flight ${ledger.inFlight}`,
    );
  }
});

test('rerunning the failing seed fails at the same event index and sim time', async () => {
  const first = await ledgerSeed(42, 12);
  const second = await ledgerSeed(42, 12);
  assert.ok(first.error instanceof InvariantViolation && second.error instanceof InvariantViolation);
  assert.equal(second.error.eventIndex, first.error.eventIndex);
  assert.equal(second.error.simTimeMs, first.error.simTimeMs);
  assert.equal(second.error.message, first.error.message);
});

test('an alwaysAssert inside a check fails the seed as an InvariantViolation naming the invariant', async () => {
  const viaAssert: InvariantCheck = {
    name: 'received never exceeds sent',
    check(state) {
      const ledger = state.get<Ledger>('ledger');
      if (ledger !== undefined) alwaysAssert(ledger.received <= ledger.sent, 'received <= sent');
    },
  };
  const outcome = await ledgerSeed(9, 20, [viaAssert]);
  assert.ok(outcome.error instanceof InvariantViolation, String(outcome.error));
  assert.equal(outcome.error.eventIndex, outcome.bugAt?.eventIndex);
  assert.match(outcome.error.message, /^invariant "received never exceeds sent" failed after event #\d+ .*alwaysAssert failed: "received <= sent"/);
});

test('an invariant without a name or check is a clear error', async () => {
  await runInWorld({ seed: 6 }, (world) => {
    assert.throws(
      () => watchInvariants(world, new StateRegistry(), [{ name: '', file: 'src/x.ts', check: () => undefined }]),
      /watchInvariants \(seed 6\): every invariant needs a non-empty name and a check\(state\) method; got "" from src\/x\.ts/,
    );
  });
});
