// One progress bar per topology layout: seeds done of planned, red once a seed failed.
import { Box, Text } from 'ink';
import { plural } from '../format.js';
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
        moonpool-test · {doneCount} of {plural(start?.layouts ?? progress.length, 'layout')} done · {plural(start?.workers ?? 0, 'worker')}
      </Text>
      {rows.map((p) => (
        <ProgressRow key={p.caseId} p={p} nameWidth={nameWidth} />
      ))}
      {rows.length < progress.length && <Text dimColor>  … {plural(progress.length - rows.length, 'more layout')}</Text>}
      {hidden > 0 && <Text color="red">  {plural(hidden, 'more failing seed')} not shown above (see the summary)</Text>}
    </Box>
  );
}

/** Rows ProgressList takes on screen for `layouts` layouts and `hidden` failures not shown. */
export function progressRowsUsed(layouts: number, hidden: number): number {
  return 1 + Math.min(layouts, PROGRESS_ROWS_MAX) + (layouts > PROGRESS_ROWS_MAX ? 1 : 0) + (hidden > 0 ? 1 : 0);
}

function ProgressRow({ p, nameWidth }: { p: CaseProgress; nameWidth: number }) {
  const filled = p.seedsPlanned > 0 ? Math.min(BAR_CELLS, Math.round((p.done / p.seedsPlanned) * BAR_CELLS)) : 0;
  const mark = p.state === 'done' ? (p.failed > 0 ? '✗' : '✓') : p.state === 'running' ? '›' : '·';
  const color = p.failed > 0 ? 'red' : p.state === 'done' ? 'green' : p.state === 'running' ? 'yellow' : 'gray';
  return (
    <Text wrap="truncate">
      <Text color={color}>{mark} </Text>
      {p.caseId.padEnd(nameWidth)} <Text color={color}>{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(BAR_CELLS - filled)}</Text> {p.done} of {plural(p.seedsPlanned, 'seed')}
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
