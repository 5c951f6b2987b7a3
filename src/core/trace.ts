// Rolling 64-bit (two FNV-1a style 32-bit lanes) hash of everything that happens in a world:
// event kinds, times, sequence numbers and every RNG draw. Two runs of one seed must agree.
const floatView = new Float64Array(1);
const floatWords = new Uint32Array(floatView.buffer);

export interface TraceStep {
  index: number;
  timeMs: number;
  kind: string;
  hash: string;
}

export class TraceHash {
  private lo = 0x811c9dc5;
  private hi = 0x01000193;
  /** Per-event hash after the event, kept only when recording (determinism self-check). */
  readonly steps: TraceStep[] | undefined;

  constructor(record: boolean) {
    this.steps = record ? [] : undefined;
  }

  mixInt(value: number): void {
    this.lo = Math.imul(this.lo ^ (value & 0xffff), 0x01000193);
    this.lo = Math.imul(this.lo ^ (value >>> 16), 0x01000193);
    this.hi = Math.imul(this.hi ^ value, 0x5bd1e995);
    this.hi ^= this.hi >>> 15;
  }

  mixFloat(value: number): void {
    floatView[0] = value;
    this.mixInt(floatWords[0]);
    this.mixInt(floatWords[1]);
  }

  mixString(value: string): void {
    for (let i = 0; i < value.length; i++) this.mixInt(value.charCodeAt(i));
  }

  /** Records the end of one event when recording is on. */
  step(index: number, timeMs: number, kind: string): void {
    this.steps?.push({ index, timeMs, kind, hash: this.digest() });
  }

  digest(): string {
    return (this.hi >>> 0).toString(16).padStart(8, '0') + (this.lo >>> 0).toString(16).padStart(8, '0');
  }
}
