// A killed ProcessLife: what a crash in --real does to the production providers sharing it.
// Real timers and real sockets on 127.0.0.1; "never settles" is observed past the deadline the
// operation would have met.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { macrotask } from '../core/real-globals.js';
import { ConnectionResetError } from './network-errors.js';
import { NodeNetworkProvider } from '../network/node-network-provider.js';
import { NodeTaskProvider } from './node-task-provider.js';
import { NodeTimeProvider } from './node-time-provider.js';
import { ProcessLife } from './process-life.js';

/** Resolves once `holds()` is true, looking after every macrotask. */
async function until(holds: () => boolean): Promise<void> {
  while (!holds()) await macrotask();
}

/** Real ms, on a timer no life owns: the window in which a killed operation would have settled. */
function pastDeadline(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Kills `life` in a macrotask of its own, as the supervisor does. */
async function killSoon(life: ProcessLife): Promise<void> {
  await macrotask();
  life.kill();
}

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

test('ProcessLife: guard settles while alive and never after kill; hooks run once, forgotten ones never', async () => {
  const life = new ProcessLife('p');
  assert.equal(await life.guard(Promise.resolve(1)), 1);
  await assert.rejects(life.guard(Promise.reject(new Error('boom'))), /boom/);
  const ran: string[] = [];
  life.onKill(() => ran.push('a'));
  const forget = life.onKill(() => ran.push('b'));
  forget();
  let late = false;
  let resolveLate!: (n: number) => void;
  life.guard(new Promise<number>((resolve) => (resolveLate = resolve))).then(() => (late = true), () => (late = true));
  life.kill();
  life.kill();
  resolveLate(2);
  let afterKill = false;
  void life.guard(Promise.resolve(3)).then(() => (afterKill = true));
  await macrotask();
  assert.deepEqual(ran, ['a'], 'each live hook runs once; the forgotten one never');
  assert.equal(late, false, 'a promise settling after the kill is not passed on');
  assert.equal(afterKill, false);
  assert.equal(life.alive, false);
  life.onKill(() => ran.push('c'));
  assert.deepEqual(ran, ['a', 'c'], 'a hook added after the kill runs at once');
});

test('killed NodeTimeProvider: pending sleeps and timeouts never settle and their timers are cleared; later ones never settle', async () => {
  const life = new ProcessLife('p');
  const time = new NodeTimeProvider(life);
  const settled: string[] = [];
  void time.sleep(30).then(() => settled.push('sleep'));
  void time.timeout(30, new Promise(() => undefined)).catch(() => settled.push('timeout fired'));
  let resolveInner!: () => void;
  void time.timeout(1_000, new Promise<void>((resolve) => (resolveInner = resolve))).then(() => settled.push('timeout passed through'));
  await macrotask();
  const before = activeTimers();
  life.kill();
  assert.equal(before - activeTimers(), 3, 'the kill clears the three timers');
  resolveInner();
  void time.sleep(0).then(() => settled.push('sleep after kill'));
  void time.timeout(0, Promise.resolve()).then(() => settled.push('timeout after kill'));
  await pastDeadline(60);
  assert.deepEqual(settled, []);
  assert.ok(time.now() > 0, 'now() still reads the clock');
});

test('killed NodeTaskProvider: a task not yet started never starts, joins never settle, later spawns never run', async () => {
  const life = new ProcessLife('p');
  const tasks = new NodeTaskProvider(life);
  const time = new NodeTimeProvider(life);
  const seen: string[] = [];
  const running = tasks.spawn('running', async () => {
    seen.push('running started');
    await time.sleep(20);
    seen.push('running resumed');
    return 1;
  });
  void running.join().then(() => seen.push('running joined'), () => seen.push('running rejected'));
  await until(() => seen.includes('running started'));
  const queued = tasks.spawn('queued', () => seen.push('queued started'));
  void queued.join().then(() => seen.push('queued joined'));
  life.kill(); // before `queued` got its macrotask
  running.cancel(); // a cancel after the kill settles nothing either
  const later = tasks.spawn('later', () => seen.push('later started'));
  void later.join().then(() => seen.push('later joined'));
  await pastDeadline(50);
  assert.deepEqual(seen, ['running started']);
});

test('killed NodeNetworkProvider: pending accept and read never settle, the peer sees a reset, the port is free for the next incarnation', async () => {
  const client = new NodeNetworkProvider(); // another process, never killed
  const first = new ProcessLife('server');
  const server = new NodeNetworkProvider(first);
  const listener = await server.listen('127.0.0.1:0');
  const address = listener.address;
  const outbound = await client.connect(address);
  const inbound = await listener.accept();
  await outbound.write(new TextEncoder().encode('ping'));
  assert.equal(new TextDecoder().decode((await inbound.read())!), 'ping');
  const settled: string[] = [];
  void inbound.read().then(() => settled.push('read'), () => settled.push('read failed'));
  void listener.accept().then(() => settled.push('accept'), () => settled.push('accept failed'));
  const peerRead = outbound.read();
  await killSoon(first);
  await assert.rejects(peerRead, (e: unknown) => e instanceof ConnectionResetError, 'the peer of a killed process sees ECONNRESET');
  // Killed operations started afterwards never settle, and a late listen binds nothing.
  void inbound.write(new Uint8Array([1])).then(() => settled.push('write'), () => settled.push('write failed'));
  void server.listen(address).then(() => settled.push('listen'), () => settled.push('listen failed'));
  void server.connect(address).then(() => settled.push('connect'), () => settled.push('connect failed'));
  // The next incarnation listens on the same port at once.
  const second = new ProcessLife('server@1');
  const relisten = await new NodeNetworkProvider(second).listen(address);
  assert.equal(relisten.address, address);
  const again = await client.connect(address);
  const accepted = await relisten.accept();
  assert.equal(accepted.remoteAddress, again.localAddress, "the dead incarnation's connect never arrived first");
  await again.write(new Uint8Array([7]));
  assert.deepEqual([...(await accepted.read())!], [7]);
  await macrotask();
  assert.deepEqual(settled, [], 'nothing of the killed incarnation settled');
  await killSoon(second);
  await assert.rejects(again.read(), ConnectionResetError);
});
