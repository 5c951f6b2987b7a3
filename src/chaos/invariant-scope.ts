// While invariant checks run, assertions only throw: the invariant watcher turns the throw into
// an InvariantViolation naming the invariant, instead of a bare assertion failure.
let depth = 0;

export function insideInvariantCheck(): boolean {
  return depth > 0;
}

export function enterInvariantChecks(): void {
  depth++;
}

export function leaveInvariantChecks(): void {
  depth--;
}
