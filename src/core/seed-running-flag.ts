// One Int32 shared by every moonpool copy in a thread, and with whoever the thread hands it to
// (the runner's loader hook, which rejects a dynamic import() while a seed runs): how many
// guarded seeds run in the thread now.
const KEY = Symbol.for('moonpool.seedRunningFlag');

export function seedRunningFlag(): Int32Array {
  const thread = globalThis as { [KEY]?: Int32Array };
  return (thread[KEY] ??= new Int32Array(new SharedArrayBuffer(4)));
}
