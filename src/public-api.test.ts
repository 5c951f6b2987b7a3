// The public entry's runtime names, listed: adding or removing one fails here, so a change to
// what users can import is deliberate (update the list, the README or docs/guide.md, and
// the changelog of the release). `moonpool/internal` is the runner's and carries no promise.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as internal from './internal.js';
import * as moonpool from './index.js';

const PUBLIC_NAMES = [
  // declaring a system
  'DefinitionError', 'Inject', 'Invariant', 'NetworkFaults', 'ProcessFaults', 'Topology', 'TopologyInfo', 'Workload',
  // providers
  'NetworkProvider', 'RandomProvider', 'StorageFile', 'StorageProvider', 'TaskProvider', 'TimeProvider',
  'SimNetworkProvider', 'SimRandomProvider', 'SimStorageProvider', 'SimTaskProvider', 'SimTimeProvider',
  'NodeNetworkProvider', 'NodeRandomProvider', 'NodeStorageProvider', 'NodeTaskProvider', 'NodeTimeProvider',
  'AddressInUseError', 'ConnectionClosedError', 'ConnectionRefusedError', 'ConnectionResetError', 'ConnectionTimedOutError', 'ListenerClosedError', 'NetworkError',
  'FileClosedError', 'FileExistsError', 'FileNotFoundError', 'InvalidPathError', 'InvalidRangeError', 'StorageError', 'StorageIOError',
  'TaskCancelledError', 'TaskFailedError', 'TimeoutError',
  // messages
  'ClientTransport', 'IncomingRequest', 'ServerTransport', 'crc32c',
  'ConnectionLostError', 'MaybeDeliveredError', 'RemoteError', 'RequestTimeoutError', 'SendQueueFullError', 'TransportClosedError', 'TransportError',
  // node:http
  'createHttpServer', 'httpAgent', 'simFetch', 'toNodeSocket',
  // chaos, assertions, state, timeline
  'buggify', 'StateRegistry', 'trace',
  'alwaysAssert', 'alwaysGreaterThan', 'alwaysGreaterThanOrEqual', 'alwaysLessThan', 'alwaysLessThanOrEqual',
  'reachable', 'sometimesAll', 'sometimesAssert', 'sometimesEach', 'sometimesGreaterThan', 'sometimesLessThan', 'unreachable',
  // running from code
  'runReal', 'runSimulation',
];

test('the public entry exports exactly the listed runtime names', () => {
  const sorted = (names: readonly string[]) => [...names].sort();
  assert.equal(new Set(PUBLIC_NAMES).size, PUBLIC_NAMES.length, 'a name is listed twice');
  assert.deepEqual(sorted(Object.keys(moonpool)), sorted(PUBLIC_NAMES));
});

test('moonpool/internal holds every public name, bound to the same value', () => {
  const all = internal as Record<string, unknown>;
  for (const name of PUBLIC_NAMES) assert.equal(all[name], (moonpool as Record<string, unknown>)[name], `internal.${name}`);
  assert.ok(Object.keys(internal).length > PUBLIC_NAMES.length, 'internal adds the runner plumbing');
});

/** Every name src/index.ts exports, types included (`X as Y` exports Y). */
function exportedNames(entry: string): Set<string> {
  const names = new Set<string>();
  for (const [, list] of entry.matchAll(/export (?:type )?\{([^}]*)\}/g)) {
    for (const item of list.split(',')) {
      const name = item.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()?.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

test('the README and the user docs import only what the public entry exports', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const exported = exportedNames(readFileSync(join(root, 'src', 'index.ts'), 'utf8'));
  for (const name of PUBLIC_NAMES) assert.ok(exported.has(name), `exportedNames misses ${name}`);
  const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md') && f !== 'architecture.md').map((f) => `docs/${f}`)];
  const problems: string[] = [];
  let imports = 0;
  for (const doc of docs) {
    const text = readFileSync(join(root, doc), 'utf8');
    for (const [statement, list, from] of text.matchAll(/import (?:type )?\{([^}]*)\} from '(moonpool[^']*)'/g)) {
      imports++;
      if (from !== 'moonpool') problems.push(`${doc}: ${statement.replace(/\s+/g, ' ')} (users import from 'moonpool' only)`);
      for (const item of list.split(',')) {
        const name = item.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim();
        if (name && !exported.has(name)) problems.push(`${doc}: imports ${name}, which 'moonpool' does not export`);
      }
    }
  }
  assert.ok(imports >= 3, `found only ${imports} imports from moonpool in ${docs.join(', ')}`);
  assert.deepEqual(problems, []);
});
