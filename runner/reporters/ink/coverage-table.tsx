// The assertion coverage so far: never-satisfied sites first, bounded to a few rows; a
// sometimesAll, sometimesEach or numeric site says what it found (format.ts coverageDetail).
import { Box, Text } from 'ink';
import { isUnsatisfied, type CoverageRow } from '../../../src/index.js';
import { coverageDetail } from '../format.js';
import { sanitizeText } from '../sanitize.js';
import { useCoverage } from './hooks.js';

function rowText(r: CoverageRow): string {
  const detail = coverageDetail(r);
  if (detail !== undefined) return detail;
  return r.seedsReached > 0 ? `true in ${r.seedsSatisfied}/${r.seedsReached} seeds` : 'never reached';
}

export const COVERAGE_ROWS_MAX = 6;

export function CoverageTable() {
  const rows = useCoverage();
  if (rows.length === 0) return null;
  const satisfied = rows.filter((r) => !isUnsatisfied(r)).length;
  const ordered = [...rows.filter((r) => isUnsatisfied(r)), ...rows.filter((r) => !isUnsatisfied(r))];
  const shown = ordered.slice(0, COVERAGE_ROWS_MAX);
  return (
    <Box flexDirection="column">
      <Text>
        coverage: {satisfied}/{rows.length} sites satisfied
      </Text>
      {shown.map((r) => (
        <Text key={`${r.kind}:${r.message}`} wrap="truncate">
          {'  '}
          <Text color={isUnsatisfied(r) ? 'yellow' : 'green'}>{isUnsatisfied(r) ? '○' : '✓'}</Text> {r.kind}{' '}
          "{sanitizeText(r.message)}" {rowText(r)}
        </Text>
      ))}
      {shown.length < rows.length && <Text dimColor>  … {rows.length - shown.length} more sites</Text>}
    </Box>
  );
}
