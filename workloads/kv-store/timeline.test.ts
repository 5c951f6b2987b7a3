// The timeline over the richest bundled workload (transport, storage, attrition, hostile
// network): recording changes nothing, and vetoing faults keeps every stream aligned.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSimulation, type SeedResult } from 'moonpool';
import { KvStore } from './topology.js';

const SEEDS = [1, 2, 3, 4, 5];

async function runSeed(seed: number, options: { timelineEntriesMax?: number; onlyFaults?: number[]; describeFaults?: boolean } = {}): Promise<SeedResult> {
  const report = await runSimulation({ topology: KvStore, seed, layouts: ['3x2'], ...options });
  return report.results[0];
}

test('recording the timeline changes no draw and no event: the trace hash is the same with and without it', async () => {
  for (const seed of SEEDS) {
    const plain = await runSeed(seed);
    const recorded = await runSeed(seed, { timelineEntriesMax: 200_000 });
    assert.equal(recorded.traceHash, plain.traceHash, `seed ${seed}`);
    assert.equal(recorded.events, plain.events);
    assert.equal(plain.timeline, undefined, 'a bulk run records nothing');
    const kinds = new Set(recorded.timeline?.entries.map((e) => e.kind));
    for (const kind of ['connect', 'send', 'deliver', 'task', 'state', 'start'] as const) assert.ok(kinds.has(kind), `seed ${seed}: ${kind} entries`);
  }
});

test('the timeline names processes, links each delivery to its send, and describes transport frames', async () => {
  const result = await runSeed(3, { timelineEntriesMax: 200_000 });
  const timeline = result.timeline!;
  assert.deepEqual(timeline.processes.map((p) => p.id), ['replica#0', 'replica#1', 'replica#2', 'client#0', 'client#1']);
  const sends = new Map(timeline.entries.filter((e) => e.kind === 'send').map((e) => [e.messageId, e]));
  const delivers = timeline.entries.filter((e) => e.kind === 'deliver');
  assert.ok(delivers.length > 100);
  for (const deliver of delivers) {
    const send = sends.get(deliver.messageId);
    assert.ok(send !== undefined, `delivery #${deliver.seq} has its send`);
    assert.equal(send.process, deliver.peer);
    assert.equal(send.peer, deliver.process);
    assert.ok(send.seq < deliver.seq && send.timeMs <= deliver.timeMs);
  }
  const framed = timeline.entries.filter((e) => e.kind === 'send' && e.fields?.frame === 'request');
  assert.ok(framed.length > 10 && framed.every((e) => typeof e.fields?.id === 'number' || typeof e.fields?.id === 'string'));
  const entries = timeline.entries;
  for (let i = 1; i < entries.length; i++) {
    assert.ok(entries[i].timeMs >= entries[i - 1].timeMs && entries[i].eventIndex >= entries[i - 1].eventIndex, `entry ${i} in order`);
    assert.equal(entries[i].seq, entries[i - 1].seq + 1);
  }
});

test('keeping every applied fault replays the seed exactly; keeping none injects none and still makes the same draws until the first fault', async () => {
  for (const seed of SEEDS) {
    const all = await runSeed(seed, { describeFaults: true });
    const applied = all.faultsApplied!.map((f) => f.ordinal);
    assert.ok(applied.length > 0, `seed ${seed} injects faults`);
    assert.equal(applied.length, all.faultsRolled, 'nothing vetoed without --only-faults');
    const kept = await runSeed(seed, { onlyFaults: applied });
    assert.equal(kept.traceHash, all.traceHash, `seed ${seed}: --only-faults of every applied fault is the same run`);
    const none = await runSeed(seed, { onlyFaults: [], describeFaults: true });
    assert.deepEqual(none.faultsApplied, []);
    const counted = Object.entries(none.faults).filter(([family, n]) => n > 0 && !family.startsWith('reboot'));
    assert.deepEqual(counted, [], `seed ${seed}: no fault counted`);
    assert.equal(none.reboots, undefined, `seed ${seed}: no process stopped`);
  }
});

test('the faults of a timeline carry their ordinals, and a vetoed fault is shown as vetoed', async () => {
  const all = await runSeed(2, { timelineEntriesMax: 200_000, describeFaults: true });
  const faults = all.timeline!.entries.filter((e) => e.kind === 'fault' || e.kind === 'reboot' || e.kind === 'buggify');
  assert.deepEqual(faults.map((e) => e.fields?.ordinal), all.faultsApplied!.map((f) => f.ordinal));
  const first = all.faultsApplied![0].ordinal;
  const vetoed = await runSeed(2, { timelineEntriesMax: 200_000, onlyFaults: all.faultsApplied!.slice(1).map((f) => f.ordinal) });
  const entry = vetoed.timeline!.entries.find((e) => e.fields?.ordinal === first);
  assert.equal(entry?.fields?.applied, false);
  assert.match(entry!.text, /^vetoed fault #/);
});
