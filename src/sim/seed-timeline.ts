import type { StateRegistry } from '../chaos/state-registry.js';
import type { FailureInfo } from '../model/report.js';
import { stateReplacer } from '../timeline/state-diff.js';
import type { Timeline } from '../core/timeline-entry.js';
import { processOfTask, type TimelineRecorder } from '../core/timeline-recorder.js';

/** The registered state as JSON-safe data (see stateReplacer). */
function jsonSafe(value: unknown): unknown {
  try {
    const text = JSON.stringify(value, stateReplacer);
    return text === undefined ? null : (JSON.parse(text) as unknown);
  } catch {
    return String(value);
  }
}

/** Ends a recorded seed's timeline: its failure as the last entry, with the state the workloads
 * had registered when it failed (the run stops at the failing event, so that is the state now). */
export function finishTimeline(
  recorder: TimelineRecorder,
  identity: { caseId: string; seed: number },
  processes: { id: string; host: string }[],
  registry: StateRegistry | undefined,
  failure: FailureInfo | undefined,
): Timeline {
  if (failure === undefined) return recorder.timeline(identity.caseId, identity.seed, processes);
  const timeMs = failure.simTimeMs ?? 0;
  const eventIndex = failure.eventIndex ?? 0;
  const where = failure.where;
  recorder.record(processOfTask(where), 'failure', `${failure.kind} failure${where === undefined ? '' : ` in ${where}`}`, { at: { timeMs, eventIndex } });
  const state: Record<string, unknown> = {};
  if (registry !== undefined) for (const [key, value] of registry.snapshot().entries()) state[key] = jsonSafe(value);
  return recorder.timeline(identity.caseId, identity.seed, processes, { kind: failure.kind, eventIndex, timeMs, message: failure.message, where, state });
}
