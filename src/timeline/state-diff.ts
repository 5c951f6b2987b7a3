/** Characters of a value's text in a timeline entry, at most. */
const VALUE_CHARS_MAX = 120;

/** JSON.stringify's replacer for registered state: Maps as entry arrays, Sets as arrays, bigints as text. */
export function stateReplacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? [...value] : value instanceof Set ? [...value] : typeof value === 'bigint' ? `${value}n` : value;
}

/** A value as JSON-ish text (see stateReplacer), bounded. */
export function compactValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, stateReplacer) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > VALUE_CHARS_MAX ? `${text.slice(0, VALUE_CHARS_MAX - 1)}…` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A registry change in one line: `key = value` for a new key or another shape, else only the
 * fields that changed (`key.leader: false → true, key.term: 3 → 4`). */
export function compactDiff(key: string, before: unknown, after: unknown, existed: boolean): string {
  if (!existed) return `${key} = ${compactValue(after)}`;
  if (!isPlainObject(before) || !isPlainObject(after)) return `${key}: ${compactValue(before)} → ${compactValue(after)}`;
  const parts: string[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = compactValue(before[field]);
    const now = compactValue(after[field]);
    if (was !== now) parts.push(`${key}.${field}: ${field in before ? was : '∅'} → ${field in after ? now : '∅'}`);
  }
  return parts.length === 0 ? `${key} set, unchanged` : parts.join(', ');
}
