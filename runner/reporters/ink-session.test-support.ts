// Run as a child process by ink-reporter.test.ts: drives an InkReporter through two runs (as in
// watch mode) on a fake terminal and prints every byte ink wrote. A child, because ink reads CI
// once at import.
import { Writable } from 'node:stream';
import { InkReporter } from './ink-reporter.js';
import { plan, runEvents } from './events.test-support.js';

class FakeTerminal extends Writable {
  readonly isTTY = true;
  readonly columns = 100;
  readonly rows = 40;
  readonly chunks: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(String(chunk));
    done();
  }
}

const terminal = new FakeTerminal();
const io = { stdout: terminal as unknown as NodeJS.WriteStream, stderr: terminal as unknown as NodeJS.WriteStream };
const reporter = new InkReporter(io, { notifyIntervalMs: 5 });
const firstRun = runEvents([plan('kv', '3x5', 6), plan('ping-pong', '2x10', 6)], {
  'kv[3x5]': [{ seed: 2, detail: 'first failure' }],
  'ping-pong[2x10]': [{ seed: 6, detail: 'last failure' }],
});
const secondRun = runEvents([plan('kv', '3x5', 3)], { 'kv[3x5]': [{ seed: 1, detail: 'rerun failure' }] });
for (const event of [...firstRun, ...secondRun]) {
  reporter.onEvent(event);
  await new Promise((resolve) => setTimeout(resolve, 2));
}
await reporter.close();
process.stdout.write(terminal.chunks.join(''));
