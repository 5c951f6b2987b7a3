// Renders a RunTally as JUnit XML valid against Jenkins' junit-10.xsd: one <testsuite> per layout,
// one <testcase> per failing seed (the seed in its name: GitLab keeps only the first of duplicate
// names) and one summarising the passing seeds, with seed counts and coverage as <properties>.
import type { SeedResult } from '../../src/internal.js';
import { failureHeadline, failureLines } from './failure-block.js';
import { coverageDetail, formatDurationMs, plural, pluralCount, timelineName } from './format.js';
import type { CaseTally, RunTally } from './run-tally.js';
import { escapeXmlAttribute as attr, escapeXmlText as text, sanitizeText } from './sanitize.js';

/** A failure's `message` attribute (what CI shows first) holds at most this many characters. */
export const MESSAGE_ATTRIBUTE_CHARS_MAX = 500;
/** A failure's text (headline, details, stack) and a seed's captured output, each at most this
 * long in the XML; what is cut is said. The plain reporter prints the whole failure, and the
 * replay command reproduces it. */
export const FAILURE_TEXT_CHARS_MAX = 16 * 1024;

/** The XML in pieces (one per testcase at most), to be written one after another: a run with
 * thousands of long failures never becomes one string. */
export function* renderJUnitXml(tally: RunTally, interrupted: boolean): Generator<string> {
  const cases = [...tally.cases.values()];
  const tests = cases.reduce((sum, t) => sum + t.failures.length + 1, 0) + tally.errors.length;
  const failures = cases.reduce((sum, t) => sum + t.failures.length, 0);
  const wallMs = cases.reduce((sum, t) => sum + t.wallMs, 0);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="moonpool" tests="${tests}" failures="${failures}" errors="${tally.errors.length}" time="${seconds(wallMs)}">\n`;
  for (const t of cases) yield* renderSuite(t, tally, interrupted);
  if (tally.errors.length > 0) yield renderErrorSuite(tally.errors) + '\n';
  yield '</testsuites>\n';
}

/** `text` on one line, at most `max` characters: whole when it fits, else cut after the last
 * sentence that fits (when that keeps at least half) or the last whole word, with an ellipsis.
 * The element's body holds the whole text. */
export function boundedMessage(text: string, max = MESSAGE_ATTRIBUTE_CHARS_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const limit = max - 2; // room for ' …'
  const window = flat.slice(0, limit + 1); // one character more: does a word end at the limit?
  let sentenceEnd = -1;
  for (const match of window.matchAll(/[.!?](?= )/g)) if (match.index + 1 <= limit) sentenceEnd = match.index + 1;
  if (sentenceEnd >= limit / 2) return `${flat.slice(0, sentenceEnd)} …`;
  const space = window.lastIndexOf(' ');
  // One word longer than the whole bound is the only text cut inside a word.
  return `${flat.slice(0, space > 0 ? space : limit).trimEnd()}…`;
}

/** `value` cut to FAILURE_TEXT_CHARS_MAX characters, saying how much was cut and where to see it. */
function capped(value: string): string {
  if (value.length <= FAILURE_TEXT_CHARS_MAX) return value;
  const cut = value.length - FAILURE_TEXT_CHARS_MAX;
  return `${value.slice(0, FAILURE_TEXT_CHARS_MAX)}\n[${cut} more characters cut here; the console output has the whole text, and the replay command reproduces the seed]`;
}

/** A layout the interruption cut short: fewer seeds ran than were planned. */
function isIncomplete(t: CaseTally, interrupted: boolean): boolean {
  return interrupted && t.passed + t.failed < (t.summary?.seedsPlanned ?? t.seedsPlanned);
}

function* renderSuite(t: CaseTally, tally: RunTally, interrupted: boolean): Generator<string> {
  const incomplete = isIncomplete(t, interrupted);
  const file = t.file ? ` file="${attr(t.file)}"` : '';
  yield `  <testsuite name="${attr(t.caseId)}" tests="${t.failures.length + 1}" failures="${t.failures.length}" ` +
    `errors="0" skipped="${incomplete ? 1 : 0}" time="${seconds(t.wallMs)}"${file}>\n`;
  yield renderProperties(t, tally, incomplete) + '\n';
  for (const f of t.failures) yield renderFailure(f.result, f.outputLines) + '\n';
  yield renderPassing(t, incomplete) + '\n';
  yield '  </testsuite>\n';
}

function renderProperties(t: CaseTally, tally: RunTally, incomplete: boolean): string {
  const props: [string, string | number | boolean][] = [
    ['seeds.planned', t.summary?.seedsPlanned ?? t.seedsPlanned],
    ['seeds.run', t.passed + t.failed],
    ['seeds.passed', t.passed],
    ['seeds.failed', t.failed],
    ['events', t.events],
    ['simulated.ms', t.simTimeMs],
    ['interrupted', incomplete],
  ];
  if (t.summary?.stopReason) props.push(['stop.reason', t.summary.stopReason]);
  const explored = t.summary?.exploration;
  if (explored !== undefined) {
    props.push(['explore.roots', explored.roots], ['explore.children', explored.children], ['explore.discoveries', explored.discoveries], ['explore.marks', explored.marks], ['explore.depth.max', explored.depthMax]);
    if (explored.firstFailureAt !== undefined) props.push(['explore.first.failure.at', explored.firstFailureAt]);
  }
  // Per-layout coverage when the layout finished, else the run's latest coverage rows.
  for (const row of t.summary?.coverage ?? tally.coverage) {
    const where = row.locations === undefined ? '' : `, at ${row.locations.join(', ')}`;
    const detail = coverageDetail(row);
    props.push([
      `coverage.${row.kind}: ${row.message}`,
      `true in ${row.seedsSatisfied} of ${plural(row.seedsReached, 'seed')} reaching it (${row.timesSatisfied} of ${plural(row.timesReached, 'time')})${detail === undefined ? '' : `; ${detail}`}${where}`,
    ]);
  }
  const lines = props.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(String(value))}"/>`);
  return ['    <properties>', ...lines, '    </properties>'].join('\n');
}

function renderFailure(result: SeedResult, outputLines: string[]): string {
  // The user's own message first (CI shows this attribute); the body has the whole block,
  // with everything --verbose adds (every option, the whole message paragraph, the stack).
  const message = boundedMessage(sanitizeText(result.failure?.detail ?? 'failed'));
  const body = [failureHeadline(result), ...failureLines(result, { verbose: true })];
  const out = outputLines.length > 0 ? `\n      <system-out>${text(capped(outputLines.join('\n')))}</system-out>` : '';
  return (
    `    <testcase name="${attr(`${result.caseId} ${timelineName(result)}`)}" classname="${attr(result.topology)}" time="${seconds(result.wallMs)}">\n` +
    `      <failure message="${attr(message)}" type="${attr(result.failure?.kind ?? 'unknown')}">${text(capped(body.join('\n')))}</failure>${out}\n` +
    '    </testcase>'
  );
}

function renderPassing(t: CaseTally, incomplete: boolean): string {
  const planned = t.summary?.seedsPlanned ?? t.seedsPlanned;
  const passWallMs = t.wallMs - t.failures.reduce((sum, f) => sum + f.result.wallMs, 0);
  const note =
    `${t.passed} of ${plural(t.passed + t.failed, 'seed')} passed (${planned} planned), ` +
    `${pluralCount(t.events, 'event')}, ${formatDurationMs(t.simTimeMs)} simulated`;
  const skipped = incomplete
    ? `\n      <skipped message="${attr(`run interrupted after ${t.passed + t.failed} of ${plural(planned, 'seed')}`)}"/>`
    : '';
  return (
    `    <testcase name="${attr(`${t.caseId} passing seeds`)}" classname="${attr(t.topology)}" time="${seconds(passWallMs)}">` +
    `${skipped}\n      <system-out>${text(note)}</system-out>\n    </testcase>`
  );
}

function renderErrorSuite(errors: string[]): string {
  const cases = errors.map((message, i) => {
    const first = boundedMessage(sanitizeText(message).split('\n')[0]);
    return (
      `    <testcase name="runner error ${i + 1}" classname="moonpool-test">\n` +
      `      <error message="${attr(first)}" type="runner">${text(message)}</error>\n    </testcase>`
    );
  });
  return [
    `  <testsuite name="moonpool-test runner" tests="${errors.length}" failures="0" errors="${errors.length}">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
