/**
 * What a thrown value says, for a failure message, whatever was thrown: an Error (its message,
 * or `name: message`), a string, a number, or something hostile — an object without a
 * prototype, a Proxy, an Error whose `message` getter throws. Never throws itself: a workload's
 * odd throw must be reported as the workload's failure, not crash the reporting.
 */
export function thrownText(value: unknown, withName = false): string {
  try {
    if (isInstance(value, Error)) {
      const message = String(value.message);
      return withName ? `${String(value.name)}: ${message}` : message;
    }
    return String(value);
  } catch {
    try {
      return `${Object.prototype.toString.call(value)} (which could not be turned into text)`;
    } catch {
      return 'a value that could not be turned into text';
    }
  }
}

/** `value instanceof type`, false where asking throws (a Proxy whose getPrototypeOf does). */
export function isInstance<T>(value: unknown, type: abstract new (...args: never[]) => T): value is T {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

/** The stack of a thrown Error, if reading it does not throw. */
export function thrownStack(value: unknown): string | undefined {
  try {
    return isInstance(value, Error) && typeof value.stack === 'string' ? value.stack : undefined;
  } catch {
    return undefined;
  }
}
