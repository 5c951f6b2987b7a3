// Watch mode's keys: `a` all, `f` failed only, `t` filter by name, `q` quit, Enter rerun.
// Raw mode only when the input is a TTY that supports it; otherwise (a pipe) each line is a
// command: `a`, `f`, `q`, an empty line, or `t <pattern>`.
import type { Readable } from 'node:stream';

export type WatchCommand =
  | { kind: 'all' }
  | { kind: 'failed' }
  | { kind: 'filter'; pattern: string }
  | { kind: 'quit' }
  | { kind: 'rerun' };

type RawCapable = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

const KEYS: Record<string, WatchCommand> = {
  a: { kind: 'all' },
  f: { kind: 'failed' },
  q: { kind: 'quit' },
  '\r': { kind: 'rerun' },
  '\n': { kind: 'rerun' },
};
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const ESC = '\u001b';
const BACKSPACE = /^[\u007f\b]$/;

export class Keyboard {
  private raw = false;
  private prompt: string | undefined;
  private lineBuffer = '';
  private readonly onData = (chunk: Buffer | string) => this.receive(String(chunk));
  private readonly onEnd = () => this.handlers.onCommand({ kind: 'quit' });

  constructor(
    private readonly stdin: RawCapable,
    private readonly handlers: {
      onCommand: (command: WatchCommand) => void;
      /** The pattern typed so far after `t`, or undefined when the prompt closed. */
      onPrompt: (text: string | undefined) => void;
      /** `t` opens the prompt only when this says so (not while a run draws on the screen). */
      promptAllowed: () => boolean;
    },
  ) {}

  start(): void {
    this.raw = this.stdin.isTTY === true && typeof this.stdin.setRawMode === 'function';
    if (this.raw) this.stdin.setRawMode!(true);
    this.stdin.setEncoding('utf8');
    this.stdin.on('data', this.onData);
    this.stdin.on('end', this.onEnd);
    this.stdin.resume();
  }

  stop(): void {
    this.stdin.off('data', this.onData);
    this.stdin.off('end', this.onEnd);
    if (this.raw) this.stdin.setRawMode!(false);
    this.stdin.pause();
  }

  private receive(text: string): void {
    if (!this.raw) return this.receiveLines(text);
    for (const key of splitKeys(text)) this.receiveKey(key);
  }

  private receiveKey(key: string): void {
    if (key === CTRL_C || key === CTRL_D) return this.handlers.onCommand({ kind: 'quit' });
    if (this.prompt !== undefined) return this.editPrompt(key);
    if (key === 't' && this.handlers.promptAllowed()) {
      this.prompt = '';
      return this.handlers.onPrompt(this.prompt);
    }
    const command = KEYS[key];
    if (command) this.handlers.onCommand(command);
  }

  private editPrompt(key: string): void {
    if (key === '\r' || key === '\n') {
      const pattern = this.prompt ?? '';
      this.prompt = undefined;
      this.handlers.onPrompt(undefined);
      return this.handlers.onCommand({ kind: 'filter', pattern });
    }
    if (key === ESC) this.prompt = undefined;
    else if (BACKSPACE.test(key)) this.prompt = this.prompt!.slice(0, -1);
    else if (!key.startsWith(ESC) && key >= ' ') this.prompt += key;
    this.handlers.onPrompt(this.prompt);
  }

  private receiveLines(text: string): void {
    this.lineBuffer += text;
    let newline: number;
    while ((newline = this.lineBuffer.indexOf('\n')) >= 0) {
      const line = this.lineBuffer.slice(0, newline).replace(/\r$/, '').trim();
      this.lineBuffer = this.lineBuffer.slice(newline + 1);
      if (line === '' || line in KEYS) this.handlers.onCommand(KEYS[line] ?? { kind: 'rerun' });
      else if (line === 't' || line.startsWith('t ')) this.handlers.onCommand({ kind: 'filter', pattern: line.slice(1).trim() });
    }
  }
}

/** Keys of a raw-mode chunk: escape sequences (arrows, …) stay whole, everything else is one character each. */
function splitKeys(text: string): string[] {
  return text.match(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b.?|[\s\S]/gu) ?? [];
}
