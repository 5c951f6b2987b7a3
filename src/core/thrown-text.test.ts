import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isInstance, thrownStack, thrownText } from './thrown-text.js';

test('thrownText describes any thrown value without throwing', () => {
  const trap = () => {
    throw new Error('trap');
  };
  const proxy = new Proxy({}, { get: trap, getPrototypeOf: trap });
  const lying = Object.defineProperty(new Error('x'), 'message', { get: trap });
  assert.equal(thrownText(new TypeError('bad')), 'bad');
  assert.equal(thrownText(new TypeError('bad'), true), 'TypeError: bad');
  assert.equal(thrownText('plain'), 'plain');
  assert.equal(thrownText(42), '42');
  assert.equal(thrownText(Object.create(null)), '[object Object] (which could not be turned into text)');
  assert.equal(thrownText(proxy), 'a value that could not be turned into text');
  assert.match(thrownText(lying), /^\[object Error\] \(which could not be turned into text\)$/);
  assert.equal(isInstance(proxy, Error), false);
  assert.equal(thrownStack(proxy), undefined);
  assert.match(thrownStack(new Error('s')) ?? '', /^Error: s/);
});
