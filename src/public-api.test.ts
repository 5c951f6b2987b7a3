// The public entry's runtime names, listed: adding or removing one fails here, so a change to
// what users can import is deliberate (update the list, the README or docs/guide.md, and
// the changelog of the release). `moonpool/internal` is the runner's and carries no promise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
