// The scale-out guide's manifests (docs/examples/) parse, and their commands are what moonpool-test
// accepts: for every shard, the command line its job runs (placeholders filled in as GitHub
// Actions or the shell would) parses to shard i of N writing its own report, and the merge step
// reads every shard's report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import { test } from 'node:test';
import picomatch from 'picomatch';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { parseArgs } from './cli-args.js';
import { parseShard } from './cli-values.js';
import { parseMergeArgs } from '../merge/merge-args.js';
import { REPO_ROOT } from '../run/run.test-support.js';

const examples = join(REPO_ROOT, 'docs', 'examples');

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | boolean>;
}

/** The arguments after `npx moonpool-test` in a shell command (the examples quote nothing). */
function moonpoolArgs(command: string): string[] {
  const words = command.split(';')[0].trim().split(/\s+/);
  const at = words.indexOf('moonpool-test');
  assert.ok(at > 0 && words[at - 1] === 'npx', `runs npx moonpool-test: ${command}`);
  return words.slice(at + 1);
}

/** The files a shell glob of the merge command matches among `files`. */
function globbed(globs: string[], files: string[]): string[] {
  return files.filter((file) => globs.some((glob) => picomatch(glob)(file)));
}

test('GitHub Actions: a matrix of N shards, shard i of N each uploading its own report, and a merge of every one', () => {
  const workflow = parseYaml(readFileSync(join(examples, 'github-actions-shards.yml'), 'utf8')) as {
    jobs: Record<string, { needs?: string; if?: string; strategy?: { 'fail-fast': boolean; matrix: { shard: number[] } }; steps: Step[] }>;
  };
  const { shard: shardJob, merge } = workflow.jobs;
  const indexes = shardJob.strategy!.matrix.shard;
  const count = indexes.length;
  assert.ok(count >= 2);
  assert.deepEqual(indexes, Array.from({ length: count }, (_, i) => i + 1), 'the matrix is 1..N');
  assert.equal(shardJob.strategy!['fail-fast'], false, 'a failing shard does not cancel the others');
  const runStep = shardJob.steps.find((s) => s.run?.includes('--shard'))!;
  const upload = shardJob.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
  assert.match(upload.if!, /!cancelled\(\)/, 'the report is uploaded when the shard failed too');
  const fill = (text: string, shard: number) => text.replaceAll('${{ matrix.shard }}', String(shard)).replaceAll('${{ strategy.job-total }}', String(count));
  const downloaded: string[] = [];
  const names: string[] = [];
  for (const shard of indexes) {
    const args = parseArgs(moonpoolArgs(fill(runStep.run!, shard)));
    assert.deepEqual(parseShard(args.strings.shard!), { index: shard, count });
    assert.deepEqual(args.reporters, ['json']);
    assert.equal(args.outputFiles.length, 1);
    assert.equal(fill(String(upload.with!.path), shard), args.outputFiles[0], 'the upload is the file the shard wrote');
    names.push(fill(String(upload.with!.name), shard));
    downloaded.push(posix.join('reports', basename(args.outputFiles[0])));
  }
  assert.equal(new Set(names).size, count, 'an artifact per shard');
  assert.equal(new Set(downloaded).size, count, 'a file per shard');

  assert.equal(merge.needs, 'shard');
  assert.match(merge.if!, /!cancelled\(\)/, 'the merge runs when a shard failed');
  const download = merge.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
  assert.deepEqual(names.filter((name) => picomatch(String(download.with!.pattern))(name)), names, 'the download takes every shard artifact');
  assert.equal(download.with!.path, 'reports');
  assert.equal(download.with!['merge-multiple'], true, 'every report lands in one folder');
  const mergeArgs = parseMergeArgs(moonpoolArgs(merge.steps.find((s) => s.run?.includes('merge-reports'))!.run!).slice(1));
  assert.deepEqual(globbed(mergeArgs.files, downloaded), downloaded, 'the merge reads every shard report');
  assert.equal(mergeArgs.failOnUnsatisfied, true);
  assert.deepEqual(mergeArgs.reporters, ['junit', 'json']);
});

test('Kubernetes: an Indexed Job with completions == parallelism == N, pod i running shard i+1 of N, and a merge Job reading every report', () => {
  const docs = parseAllDocuments(readFileSync(join(examples, 'k8s-indexed-job.yaml'), 'utf8')).map((d) => d.toJS());
  const claim = docs.find((d) => d.kind === 'PersistentVolumeClaim');
  const job = docs.find((d) => d.kind === 'Job');
  assert.ok(claim.spec.accessModes.includes('ReadWriteMany'), 'pods on any node write the reports');
  assert.equal(job.spec.completionMode, 'Indexed');
  const count: number = job.spec.completions;
  assert.ok(count >= 2);
  assert.equal(job.spec.parallelism, count);
  const pod = job.spec.template.spec;
  assert.equal(pod.restartPolicy, 'Never');
  const [container] = pod.containers;
  assert.equal(container.env.find((e: { name: string }) => e.name === 'SHARD_COUNT').value, String(count));
  const command: string = container.args[0];
  assert.ok(command.includes('--shard $((JOB_COMPLETION_INDEX + 1))/$SHARD_COUNT'), command);
  assert.match(command, /code=\$\?; \[ "\$code" -le 1 \]$/, 'failing seeds (exit 1) do not fail the pod; a usage error or a crash does');
  const mount = container.volumeMounts[0];
  assert.equal(pod.volumes.find((v: { name: string }) => v.name === mount.name).persistentVolumeClaim.claimName, claim.metadata.name);
  const written: string[] = [];
  for (let index = 0; index < count; index++) {
    const shell = command.replaceAll('$((JOB_COMPLETION_INDEX + 1))', String(index + 1)).replaceAll('$SHARD_COUNT', String(count));
    const args = parseArgs(moonpoolArgs(shell));
    assert.deepEqual(parseShard(args.strings.shard!), { index: index + 1, count });
    assert.deepEqual(args.reporters, ['json']);
    assert.ok(args.outputFiles[0].startsWith(`${mount.mountPath}/`), 'written to the shared volume');
    written.push(args.outputFiles[0]);
  }
  assert.equal(new Set(written).size, count, 'a file per shard');

  const merge = parseYaml(readFileSync(join(examples, 'k8s-merge-job.yaml'), 'utf8'));
  assert.equal(merge.kind, 'Job');
  const mergePod = merge.spec.template.spec;
  const mergeContainer = mergePod.containers[0];
  const mergeMount = mergeContainer.volumeMounts[0];
  assert.equal(mergeMount.mountPath, mount.mountPath);
  assert.equal(mergePod.volumes.find((v: { name: string }) => v.name === mergeMount.name).persistentVolumeClaim.claimName, claim.metadata.name);
  const mergeArgs = parseMergeArgs(moonpoolArgs(mergeContainer.args[0]).slice(1));
  assert.deepEqual(globbed(mergeArgs.files, written), written, 'the merge reads every shard report');
  assert.equal(mergeArgs.failOnUnsatisfied, true);
});
