import { currentWorld } from '../core/current.js';
import { compactValue } from './state-diff.js';
import type { TimelineValue } from '../core/timeline-entry.js';

/**
 * Adds the workload's own event to the running seed's timeline (`--trace`, `--timeline`, a
 * failure's last entries): `trace('vote granted', { term, to: peer })`. Free when the seed is
 * not recorded (bulk runs) and outside a simulation. Field values are kept as they are when
 * they are strings, numbers, booleans or null, and as compact JSON text otherwise.
 */
export function trace(name: string, fields?: Record<string, unknown>): void {
  const timeline = currentWorld()?.timeline;
  if (timeline === undefined) return;
  if (typeof name !== 'string' || name === '') throw new TypeError(`trace(${JSON.stringify(name)}): the name must be a non-empty string, for example trace('leader elected', { term }).`);
  let text = name;
  let kept: Record<string, TimelineValue> | undefined;
  if (fields !== undefined && fields !== null) {
    kept = {};
    for (const key of Object.keys(fields)) {
      const value = fields[key];
      const plain = value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
      kept[key] = plain ? value : compactValue(value);
      text += ` ${key}=${typeof kept[key] === 'string' ? kept[key] : String(kept[key])}`;
    }
  }
  timeline.record(timeline.runningProcess(), 'user', text, kept === undefined ? undefined : { fields: kept });
}
