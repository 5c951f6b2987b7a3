// Failing seeds as they happen, each as the block every reporter prints (failure-block.ts).
// <Static> prints every item once above the live area, so failures stay on screen (and in the
// scrollback) after the run.
import { Box, Static, Text } from 'ink';
import { useFailures } from './hooks.js';
import type { FailureItem } from './run-slices.js';

export function FailureLog() {
  const failures = useFailures();
  return <Static items={failures}>{(item) => <FailureView key={item.key} item={item} />}</Static>;
}

function FailureView({ item }: { item: FailureItem }) {
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Box>
        <Text color="red">✗ </Text>
        <Text color="red">{item.headline}</Text>
      </Box>
      {item.details.map((line, i) => (
        // A box, so that a long line wraps under its own indentation.
        <Box key={i} paddingLeft={4}>
          <Text color={line.startsWith('replay: ') ? 'cyan' : line.startsWith('fix: ') ? 'yellow' : undefined}>{line}</Text>
        </Box>
      ))}
    </Box>
  );
}
