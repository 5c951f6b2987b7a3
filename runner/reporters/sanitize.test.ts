import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { escapeXmlAttribute, escapeXmlText, sanitizeText, stripAnsi } from './sanitize.js';

test('stripAnsi removes SGR, cursor, erase and OSC hyperlink sequences', () => {
  assert.equal(stripAnsi('\u001b[1;31mred\u001b[0m'), 'red');
  assert.equal(stripAnsi('a\u001b[2K\u001b[1A\u001b[Gb'), 'ab');
  assert.equal(stripAnsi('\u001b]8;;https://x.test\u0007link\u001b]8;;\u0007'), 'link');
  assert.equal(stripAnsi('\u001b]0;title\u001b\\x'), 'x');
  assert.equal(stripAnsi('\u009b31mc1'), 'c1');
  assert.equal(stripAnsi('\u001b7saved\u001b8'), 'saved');
});

test('sanitizeText keeps tabs and newlines, turns CR into newlines and drops other controls', () => {
  assert.equal(sanitizeText('a\tb\r\nc\rd\u0000\u0007\u007f\u0085e'), 'a\tb\nc\nde');
});

test('property: sanitized text has no escape or control character but tab and newline', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      assert.doesNotMatch(sanitizeText(s), /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }),
  );
});

test('XML escaping covers & < > " \' and keeps newlines in attributes as references', () => {
  assert.equal(escapeXmlText(`a<b>&"c"'d'\ne`), 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;\ne');
  assert.equal(escapeXmlAttribute('x\ny\tz'), 'x&#10;y&#9;z');
});

test('property: escaped text has no raw markup and only XML 1.0 characters', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const out = escapeXmlAttribute(s);
      assert.doesNotMatch(out, /[<>"']|&(?!(amp|lt|gt|quot|apos|#10|#9);)/);
      assert.doesNotMatch(out, /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u);
    }),
  );
});
