// The baseline: a minimal heap-plus-macrotask scheduler doing the same wake-ups as the SimWorld
// (no tracing, no tasks, no checks). Everything moonpool adds is measured against this.
import { EventHeap } from './event-heap.js';
import { macrotask } from '../src/core/real-globals.js';

interface FloorEvent {
  timeMs: number;
  seq: number;
  wake: () => void;
}

export class FloorLoop {
  nowMs = 0;
  events = 0;
  private seq = 0;
  private readonly heap = new EventHeap<FloorEvent>();

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.heap.push({ timeMs: this.nowMs + ms, seq: this.seq++, wake }));
  }

  async run(): Promise<void> {
    for (let event = this.heap.pop(); event; event = this.heap.pop()) {
      this.nowMs = event.timeMs;
      this.events++;
      event.wake();
      await macrotask();
    }
  }
}
