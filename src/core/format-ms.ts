/** `12.3 ms`: a duration or time in a fault's or timeline entry's text (0.1 ms precision). */
export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? `${Math.round(ms * 10) / 10} ms` : 'ever';
}
