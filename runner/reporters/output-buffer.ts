// Keeps the last few lines each in-flight seed wrote, so a failure can show them and a passing
// seed's output is dropped. Bounded per seed; the buffer of a seed is released at its seed-done.
import { sanitizeText } from './sanitize.js';

export const OUTPUT_LINES_PER_SEED_MAX = 20;
const LINE_CHARS_MAX = 500;

export class OutputBuffer {
  private readonly bySeed = new Map<string, string[]>();

  constructor(private readonly linesMax = OUTPUT_LINES_PER_SEED_MAX) {}

  /** `recipe`: a child timeline's (`--strategy explore`), whose seed its parents share. */
  add(caseId: string, seed: number, text: string, recipe?: string): void {
    const key = `${caseId}#${recipe ?? seed}`;
    let lines = this.bySeed.get(key);
    if (!lines) this.bySeed.set(key, (lines = []));
    for (const line of splitOutputLines(text)) {
      lines.push(line);
      if (lines.length > this.linesMax) lines.shift();
    }
  }

  /** The seed's buffered lines (oldest first); forgets them. */
  take(caseId: string, seed: number, recipe?: string): string[] {
    const key = `${caseId}#${recipe ?? seed}`;
    const lines = this.bySeed.get(key) ?? [];
    this.bySeed.delete(key);
    return lines;
  }

  clear(): void {
    this.bySeed.clear();
  }
}

/** Sanitized non-empty lines of a chunk of output, each cut to a bounded length. */
export function splitOutputLines(text: string): string[] {
  return sanitizeText(text)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (line.length > LINE_CHARS_MAX ? `${line.slice(0, LINE_CHARS_MAX)}…` : line));
}
