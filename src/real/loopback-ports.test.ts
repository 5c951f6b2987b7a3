import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freeLoopbackPorts } from './loopback-ports.js';

test('free loopback ports are distinct', async () => {
  const ports = await freeLoopbackPorts(5);
  assert.equal(new Set(ports).size, 5);
});
