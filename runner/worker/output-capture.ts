// Routes everything a worker writes to stdout/stderr (console.* included) to a callback, so
// workload output reaches the runner as events and never the terminal raw.

export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

/** Replaces process.stdout/stderr.write in this thread for good (workers only). */
export function captureOutput(sink: OutputSink): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const target = process[stream];
    target.write = ((chunk: unknown, encodingOrCallback?: unknown, callback?: unknown): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encodingOrCallback === 'string' ? (encodingOrCallback as BufferEncoding) : 'utf8');
      sink(stream, text);
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof target.write;
  }
}
