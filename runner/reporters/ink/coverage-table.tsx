// The sometimes/reachable coverage so far: never-satisfied sites first, bounded to a few rows.
import { Box, Text } from 'ink';
import { sanitizeText } from '../sanitize.js';
import { useCoverage } from './hooks.js';

export const COVERAGE_ROWS_MAX = 6;

export function CoverageTable() {
  const rows = useCoverage();
  if (rows.length === 0) return null;
  const satisfied = rows.filter((r) => r.seedsSatisfied > 0).length;
  const ordered = [...rows.filter((r) => r.seedsSatisfied === 0), ...rows.filter((r) => r.seedsSatisfied > 0)];
  const shown = ordered.slice(0, COVERAGE_ROWS_MAX);
  return (
    <Box flexDirection="column">
      <Text>
        coverage: {satisfied}/{rows.length} sites satisfied
      </Text>
      {shown.map((r) => (
        <Text key={`${r.kind}:${r.message}`} wrap="truncate">
          {'  '}
          <Text color={r.seedsSatisfied > 0 ? 'green' : 'yellow'}>{r.seedsSatisfied > 0 ? '✓' : '○'}</Text> {r.kind}{' '}
          "{sanitizeText(r.message)}" {r.seedsReached > 0 ? `true in ${r.seedsSatisfied}/${r.seedsReached} seeds` : 'never reached'}
        </Text>
      ))}
      {shown.length < rows.length && <Text dimColor>  … {rows.length - shown.length} more sites</Text>}
    </Box>
  );
}
