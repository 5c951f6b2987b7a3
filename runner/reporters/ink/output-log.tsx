// The last few lines workloads wrote and runner errors, in a bounded area: sanitized and
// truncated to one row each, so workload output can never push or corrupt the live UI.
import { Box, Text } from 'ink';
import { sanitizeText } from '../sanitize.js';
import { useErrors, useOutput } from './hooks.js';

export function OutputLog() {
  const lines = useOutput();
  const errors = useErrors();
  if (lines.length === 0 && errors.length === 0) return null;
  return (
    <Box flexDirection="column">
      {lines.map((line) => (
        <Text key={line.key} dimColor wrap="truncate">
          [{line.label}] {line.text}
        </Text>
      ))}
      {errors.map((message, i) => (
        <Text key={i} color="yellow" wrap="truncate">
          error: {sanitizeText(message).split('\n')[0]}
        </Text>
      ))}
    </Box>
  );
}
