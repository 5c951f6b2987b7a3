import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { Keyboard, type WatchCommand } from './keyboard.js';

function setup(options: { tty: boolean; promptAllowed?: boolean }) {
  const rawCalls: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), options.tty ? { isTTY: true, setRawMode: (raw: boolean) => rawCalls.push(raw) } : {});
  const commands: WatchCommand[] = [];
  const prompts: (string | undefined)[] = [];
  const keyboard = new Keyboard(stdin, {
    onCommand: (c) => commands.push(c),
    onPrompt: (p) => prompts.push(p),
    promptAllowed: () => options.promptAllowed ?? true,
  });
  keyboard.start();
  const type = async (text: string) => {
    stdin.write(text);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { keyboard, stdin, commands, prompts, rawCalls, type };
}

test('raw mode on a TTY: single keys are commands and raw mode is restored on stop', async () => {
  const k = setup({ tty: true });
  await k.type('afx\r');
  await k.type('\u001b[A');
  await k.type('q');
  assert.deepEqual(k.commands, [{ kind: 'all' }, { kind: 'failed' }, { kind: 'rerun' }, { kind: 'quit' }]);
  k.keyboard.stop();
  assert.deepEqual(k.rawCalls, [true, false]);
});

test('t opens a name prompt with backspace, Esc cancels, Enter applies', async () => {
  const k = setup({ tty: true });
  await k.type('tkvx\u007f');
  await k.type('\r');
  assert.deepEqual(k.commands, [{ kind: 'filter', pattern: 'kv' }]);
  assert.deepEqual(k.prompts, ['', 'k', 'kv', 'kvx', 'kv', undefined]);
  await k.type('tab\u001b');
  await k.type('q');
  assert.deepEqual(k.commands.at(-1), { kind: 'quit' }, 'after Esc, keys are commands again');
  assert.equal(k.commands.length, 2);
  assert.equal(k.prompts.at(-1), undefined);
});

test('Ctrl+C quits even in the prompt, and t is ignored while a run draws', async () => {
  const k = setup({ tty: true, promptAllowed: false });
  await k.type('ta');
  assert.deepEqual(k.commands, [{ kind: 'all' }]);
  await k.type('\u0003');
  assert.deepEqual(k.commands.at(-1), { kind: 'quit' });
});

test('without a TTY there is no raw mode: each line is a command', async () => {
  const k = setup({ tty: false });
  await k.type('a\nf\r\n\nt ping\nt\nzzz\nq');
  await k.type('\n');
  assert.deepEqual(k.commands, [
    { kind: 'all' },
    { kind: 'failed' },
    { kind: 'rerun' },
    { kind: 'filter', pattern: 'ping' },
    { kind: 'filter', pattern: '' },
    { kind: 'quit' },
  ]);
  assert.deepEqual(k.rawCalls, []);
});

test('end of input quits', async () => {
  const k = setup({ tty: false });
  k.stdin.end();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(k.commands, [{ kind: 'quit' }]);
});
