// One progress bar per topology layout: seeds done of planned, red once a seed failed.
import { Box, Text } from 'ink';
import { useFailuresHidden, useProgress, useRunStart } from './hooks.js';
import type { CaseProgress } from './run-slices.js';

const BAR_CELLS = 24;
export const PROGRESS_ROWS_MAX = 10;

export function ProgressList() {
  const start = useRunStart();
  const progress = useProgress();
  const hidden = useFailuresHidden();
  const rows = visibleRows(progress, PROGRESS_ROWS_MAX);
  const doneCount = progress.filter((p) => p.state === 'done').length;
  const nameWidth = Math.min(40, Math.max(0, ...rows.map((p) => p.caseId.length)));
  return (
    <Box flexDirection="column">
      <Text bold>
        moonpool-test · {doneCount}/{start?.layouts ?? progress.length} layouts · {start?.workers ?? 0} workers
      </Text>
      {rows.map((p) => (
        <ProgressRow key={p.caseId} p={p} nameWidth={nameWidth} />
      ))}
      {rows.length < progress.length && <Text dimColor>  … {progress.length - rows.length} more layouts</Text>}
      {hidden > 0 && <Text color="red">  {hidden} more failing seeds not shown above (see the summary)</Text>}
    </Box>
  );
}

function ProgressRow({ p, nameWidth }: { p: CaseProgress; nameWidth: number }) {
  const filled = p.seedsPlanned > 0 ? Math.min(BAR_CELLS, Math.round((p.done / p.seedsPlanned) * BAR_CELLS)) : 0;
  const mark = p.state === 'done' ? (p.failed > 0 ? '✗' : '✓') : p.state === 'running' ? '›' : '·';
  const color = p.failed > 0 ? 'red' : p.state === 'done' ? 'green' : p.state === 'running' ? 'yellow' : 'gray';
  return (
    <Text wrap="truncate">
      <Text color={color}>{mark} </Text>
      {p.caseId.padEnd(nameWidth)} <Text color={color}>{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(BAR_CELLS - filled)}</Text> {p.done}/{p.seedsPlanned} seeds
      {p.failed > 0 ? <Text color="red"> · {p.failed} failed</Text> : null}
    </Text>
  );
}

/** All rows when they fit; else running ones first, then the latest done, then pending, in plan order. */
export function visibleRows(progress: CaseProgress[], rowsMax: number): CaseProgress[] {
  if (progress.length <= rowsMax) return progress;
  const running = progress.filter((p) => p.state === 'running');
  const done = progress.filter((p) => p.state === 'done').reverse();
  const pending = progress.filter((p) => p.state === 'pending');
  const keep = new Set([...running, ...done, ...pending].slice(0, rowsMax));
  return progress.filter((p) => keep.has(p));
}
