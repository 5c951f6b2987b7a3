#!/usr/bin/env node
// moonpool-test: the compiled runner (dist/, built by `npm run build`, also on `prepare`).
let cli;
try {
  cli = await import('../dist/runner/cli/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/runner/cli/cli.js')) throw error;
  process.stderr.write('moonpool-test: the runner is not built (dist/runner/cli/cli.js is missing). Run `npm run build` in the moonpool package, then retry.\n');
  process.exit(2);
}
// A closed pipe (`moonpool-test | head`) ends the run quietly instead of crashing.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 1);
    throw error;
  });
}
const code = await cli.main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
// Workers and loader threads may linger: leave once stdout and stderr are flushed.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
