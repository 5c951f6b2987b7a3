// The assertion coverage so far: never-satisfied sites first, in the rows the rest of the live
// area leaves free; a sometimesAll, sometimesEach or numeric site says what it found (format.ts
// coverageDetail).
import { Box, Text } from 'ink';
import { isUnsatisfied, type CoverageRow } from '../../../src/internal.js';
import { coverageDetail, plural } from '../format.js';
import { sanitizeText } from '../sanitize.js';
import { useCoverage } from './hooks.js';

/** Site rows when the terminal's height is unknown. */
export const COVERAGE_ROWS_DEFAULT = 6;
/** Site rows however little room the terminal has. */
export const COVERAGE_ROWS_MIN = 3;

/** Site rows the table may show on a terminal of `terminalRows` rows when the rest of the live
 * area takes `usedRows`: what is left once the table's header, its "… more" line and the
 * cursor's line are kept free, so the live area never scrolls. */
export function coverageRowsMax(terminalRows: number | undefined, usedRows: number): number {
  if (terminalRows === undefined) return COVERAGE_ROWS_DEFAULT;
  return Math.max(COVERAGE_ROWS_MIN, terminalRows - usedRows - 3);
}

function rowText(r: CoverageRow): string {
  const detail = coverageDetail(r);
  if (detail !== undefined) return detail;
  return r.seedsReached > 0 ? `true in ${r.seedsSatisfied} of ${plural(r.seedsReached, 'seed')} reaching it` : 'never reached';
}

export function CoverageTable({ rowsMax }: { rowsMax: number }) {
  const rows = useCoverage();
  if (rows.length === 0) return null;
  const satisfied = rows.filter((r) => !isUnsatisfied(r)).length;
  const ordered = [...rows.filter((r) => isUnsatisfied(r)), ...rows.filter((r) => !isUnsatisfied(r))];
  const shown = ordered.slice(0, rowsMax);
  return (
    <Box flexDirection="column">
      <Text>
        coverage: {satisfied} of {plural(rows.length, 'site')} satisfied
      </Text>
      {shown.map((r) => (
        <Text key={`${r.kind}:${r.message}`} wrap="truncate">
          {'  '}
          <Text color={isUnsatisfied(r) ? 'yellow' : 'green'}>{isUnsatisfied(r) ? '○' : '✓'}</Text> {r.kind}{' '}
          "{sanitizeText(r.message)}" {rowText(r)}
        </Text>
      ))}
      {shown.length < rows.length && <Text dimColor>  … {plural(rows.length - shown.length, 'more site')}</Text>}
    </Box>
  );
}
