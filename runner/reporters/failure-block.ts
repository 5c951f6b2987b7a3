// One failing seed as every reporter shows it, each fact once: a headline (case, seed, kind,
// where, simulated time, event), the user's message, the fix, what the seed drew beyond its
// presets, the faults and reboots, the shrunk faults, the last timeline entries, the seed's
// output and one replay command. `verbose` adds what the block leaves out (every option, the
// whole message paragraph, the stack, every recent entry and reboot), so nothing is lost.
import type { SeedResult, TimelineEntry } from '../../src/internal.js';
import { shrinkLine } from '../shrink/shrink-failure.js';
import { traceLine } from '../trace/trace-lines.js';
import { faultsLine, optionsLine, plural, rebootsLine, timelineName } from './format.js';
import { sanitizeText } from './sanitize.js';

/** Timeline entries before the failure shown without --verbose: the last ones. */
export const RECENT_ENTRIES_SHOWN_MAX = 20;

export interface FailureBlockOptions {
  /** Everything the seed's result holds, not only what a reader needs first. */
  verbose?: boolean;
  /** The seed's captured output, last lines. */
  outputLines?: readonly string[];
}

/** The first line: which case, seed and kind, where, and when in simulated time. */
export function failureHeadline(result: SeedResult): string {
  const failure = result.failure;
  const parts = [`${result.caseId} ${timelineName(result)} failed (${failure?.kind ?? 'unknown'})`];
  const where = failure?.where;
  // An assertion's site already starts with its file.
  const about = [failure?.className, failure?.file].filter((x): x is string => x !== undefined && !(where?.startsWith(x) ?? false));
  if (where !== undefined) parts.push(`in ${sanitizeText(where)}${about.length > 0 ? ` (${sanitizeText(about.join(', '))})` : ''}`);
  else if (about.length > 0) parts.push(`in ${sanitizeText(about.join(', '))}`);
  if (failure?.simTimeMs !== undefined) parts.push(`at ${failure.simTimeMs.toFixed(3)} ms simulated`);
  if (failure?.eventIndex !== undefined) parts.push(`event #${failure.eventIndex}`);
  return parts.join(', ');
}

/** The lines under the headline; the replay command is the last. */
export function failureLines(result: SeedResult, options: FailureBlockOptions = {}): string[] {
  const failure = result.failure;
  const verbose = options.verbose ?? false;
  const lines = sanitizeText(failure?.detail ?? 'the seed failed without a message').split('\n');
  if (failure?.fix !== undefined) lines.push(`fix: ${sanitizeText(failure.fix)}`);
  const drew = drawnLine(result);
  if (drew !== undefined) lines.push(drew);
  const faults = faultsLine(result.faults);
  if (faults !== undefined) lines.push(`faults injected: ${faults}`);
  if (result.reboots !== undefined) lines.push(`reboots: ${rebootsLine(result.reboots, verbose ? result.reboots.length : undefined)}`);
  // --shrink: the faults the failure still needs; the one replay line below runs only those.
  const shrunk = failure?.shrunk;
  if (shrunk !== undefined) {
    lines.push(`${sanitizeText(shrinkLine(shrunk))}; the shrunk run fails at ${shrunk.simTimeMs.toFixed(3)} ms simulated, event #${shrunk.eventIndex}`);
  }
  if (failure?.recent !== undefined && failure.recent.length > 0) lines.push(...recentLines(failure.recent, verbose));
  if (options.outputLines !== undefined && options.outputLines.length > 0) lines.push('output (last lines):', ...options.outputLines.map((l) => `  ${l}`));
  if (verbose) {
    lines.push(`options: ${sanitizeText(optionsLine(result.options))}`);
    if (failure !== undefined) lines.push(`message: ${sanitizeText(failure.message)}`);
    if (failure?.stack) lines.push('stack:', ...sanitizeText(failure.stack).split('\n').map((l) => `  ${l}`));
    if (shrunk !== undefined) lines.push(`replay of the original run: ${sanitizeText(result.replay)}`);
  }
  lines.push(`replay: ${sanitizeText(shrunk?.replay ?? result.replay)}`);
  return lines;
}

/** `drew beyond network hostile: chaos.buggify=on`: what the seed decided that its presets did
 * not (SeedResult.beyondPresets); undefined when the result does not say (a lost seed, --real). */
export function drawnLine(result: SeedResult): string | undefined {
  if (result.beyondPresets === undefined) return undefined;
  const presets: string[] = [];
  const network = result.options['network.preset'];
  if (typeof network === 'string') presets.push(`network ${network}${result.options['network.swarm'] === true ? ' (swarm)' : ''}`);
  const storage = result.options['storage.preset'];
  if (typeof storage === 'string') presets.push(`storage ${storage}${result.options['storage.swarm'] === true ? ' (swarm)' : ''}`);
  const beyond = presets.length > 0 ? ` beyond ${presets.join(', ')}` : ' beyond its presets';
  const drawn = sanitizeText(optionsLine(result.beyondPresets));
  return drawn === '' ? `drew nothing${beyond}` : `drew${beyond}: ${drawn}`;
}

/** The timeline entries before the failure as --trace prints them, the last
 * RECENT_ENTRIES_SHOWN_MAX unless verbose, in columns as wide as these entries need:
 * `  1578.832 ms  #2986 node#1  deliver ← node#0 38 B response id=1`. */
function recentLines(recent: readonly TimelineEntry[], verbose: boolean): string[] {
  const shown = verbose ? recent : recent.slice(-RECENT_ENTRIES_SHOWN_MAX);
  const earlier = recent.length - shown.length;
  const timeWidth = Math.max(...shown.map((e) => e.timeMs.toFixed(3).length));
  const eventWidth = Math.max(...shown.map((e) => String(e.eventIndex).length));
  const processWidth = Math.max(...shown.map((e) => e.process.length));
  const head = `last ${plural(shown.length, 'timeline entry', 'timeline entries')} before the failure${earlier > 0 ? ` (${earlier} earlier with --verbose)` : ''}:`;
  return [head, ...shown.map((e) => `  ${sanitizeText(traceLine(e, processWidth, timeWidth, eventWidth)).replace(/\n/g, ' ')}`)];
}
