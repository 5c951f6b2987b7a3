// The final summary that replaces the live area at run-done: one line per layout, unsatisfied
// coverage, the failing seeds, the totals, and last the `N passed, N failed` line.
import { Box, Text } from 'ink';
import { caseLine, countsLine, plural, totalsLine } from '../format.js';
import { unsatisfiedText } from '../plain-reporter.js';
import { useRunDone } from './hooks.js';

const SEEDS_LISTED_MAX = 10;

export function RunSummaryView() {
  const done = useRunDone();
  if (!done) return null;
  const { summary, interrupted } = done;
  const planned = summary.cases.reduce((sum, c) => sum + c.seedsPlanned, 0);
  return (
    <Box flexDirection="column">
      {summary.cases.map((c) => (
        <Text key={c.caseId}>
          <Text color={c.failed > 0 ? 'red' : 'green'}>{c.failed > 0 ? '✗' : '✓'}</Text> {caseLine(c)}
          {c.failed > 0 ? <Text color="red"> · failing {c.failingSeeds.length === 1 ? 'seed' : 'seeds'} {seedList(c.failingSeeds)}</Text> : null}
        </Text>
      ))}
      {summary.unsatisfied.map((row) => (
        <Text key={row.message} color="yellow">
          never satisfied: {unsatisfiedText(row)}
        </Text>
      ))}
      {interrupted && (
        <Text color="yellow">
          interrupted: {summary.seedsRun} of {plural(planned, 'planned seed')} ran
        </Text>
      )}
      <Text>{totalsLine(summary)}</Text>
      <Text bold color={summary.ok ? 'green' : 'red'}>
        {countsLine(summary)}
      </Text>
    </Box>
  );
}

function seedList(seeds: number[]): string {
  const listed = seeds.slice(0, SEEDS_LISTED_MAX).join(', ');
  return seeds.length > SEEDS_LISTED_MAX ? `${listed} and ${seeds.length - SEEDS_LISTED_MAX} more` : listed;
}
