import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { processOfTask, TimelineRecorder, type RecorderClock } from './timeline-recorder.js';

function clock(): RecorderClock & { nowMs: number; eventIndex: number; task: string | undefined } {
  return { nowMs: 0, eventIndex: 0, task: undefined, runningTaskName() { return this.task; } };
}

test('property: the ring keeps the last entriesMax entries in order and counts the dropped ones', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 200 }), (entriesMax, count) => {
      const recorder = new TimelineRecorder(clock(), entriesMax);
      for (let i = 0; i < count; i++) recorder.record('p#0', 'user', `e${i}`);
      const entries = recorder.entries();
      assert.equal(entries.length, Math.min(count, entriesMax));
      assert.equal(recorder.dropped, Math.max(0, count - entriesMax));
      entries.forEach((entry, i) => assert.equal(entry.text, `e${count - entries.length + i}`));
    }),
  );
});

test('sends and deliveries are named by process, linked by message id, and carry the frame annotation of the bytes written', () => {
  const c = clock();
  const recorder = new TimelineRecorder(c);
  recorder.nameHost('10.0.0.1', 'server#0');
  recorder.nameHost('10.0.0.2', 'client#0');
  const frame = new Uint8Array(20);
  recorder.annotateFrame(frame, 0, 7);
  const pieces = [frame.subarray(0, 8), frame.subarray(8)];
  recorder.sent('10.0.0.2', '10.0.0.1', frame, pieces);
  c.nowMs = 1.5;
  c.eventIndex = 3;
  recorder.delivered('10.0.0.2', '10.0.0.1', pieces[1]);
  const [send, deliver] = recorder.entries();
  assert.equal(send.text, 'send → server#0 20 B request id=7 in 2 pieces');
  assert.deepEqual(send.fields, { bytes: 20, frame: 'request', id: 7 });
  assert.equal(deliver.text, 'deliver ← client#0 12 B request id=7');
  assert.equal(deliver.messageId, send.messageId);
  assert.deepEqual([deliver.process, deliver.peer, deliver.timeMs, deliver.eventIndex], ['server#0', 'client#0', 1.5, 3]);
});

test('a batch of frames written at once is described by every frame in it', () => {
  const recorder = new TimelineRecorder(clock());
  const a = new Uint8Array(4);
  const b = new Uint8Array(4);
  recorder.annotateFrame(a, 1, 3);
  recorder.annotateFrame(b, 2, 4);
  const batch = new Uint8Array(8);
  recorder.annotateBatch(batch, [a, b]);
  recorder.sent('10.0.0.1', '10.0.0.2', batch, batch);
  assert.deepEqual(recorder.entries()[0].fields, { bytes: 8, frame: 'response+error-response', id: '3,4', frames: 2 });
});

test('a task name, its scope or nothing gives the lane: the process, else sim', () => {
  assert.equal(processOfTask('client#3.run'), 'client#3');
  assert.equal(processOfTask('client#3/pump'), 'client#3');
  assert.equal(processOfTask('server#0@2'), 'server#0');
  assert.equal(processOfTask('construct'), 'sim');
  assert.equal(processOfTask(undefined), 'sim');
});

test('faults are recorded on their host\'s process, process stops and buggify under their own kinds', () => {
  const recorder = new TimelineRecorder(clock());
  recorder.nameHost('10.0.0.3', 'replica#2');
  recorder.fault('10.0.0.3', 'readClog', 'readClog 10.0.0.3 for 5 ms', 1, true, 5);
  recorder.fault('replica#2', 'reboot', 'crash stop of replica#2', 2, false, Infinity);
  recorder.fault('sim', 'buggify', 'buggify a.ts:3', 3, true, undefined);
  assert.deepEqual(
    recorder.entries().map((e) => [e.process, e.kind, e.text]),
    [
      ['replica#2', 'fault', 'fault #1 readClog 10.0.0.3 for 5 ms'],
      ['replica#2', 'reboot', 'vetoed fault #2 crash stop of replica#2'],
      ['sim', 'buggify', 'fault #3 buggify a.ts:3'],
    ],
  );
  assert.deepEqual(
    recorder.entries().map((e) => e.fields?.durationMs),
    [5, undefined, undefined],
    'a lasting fault says how long; down until the liveness phase (Infinity) says nothing',
  );
});
