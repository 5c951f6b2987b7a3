// The library bundle's source map names the TypeScript it came from (src/**/*.ts, shipped in the
// package) and the dependencies bundled into it (../../node_modules/msgpackr/pack.js...). Where
// those dependencies sit once installed depends on the user's tree (hoisted or not), so a frame
// mapped into one would name a file that does not exist. This drops their mappings: such a frame
// keeps its position in dist/src/index.js, a file the package holds.
import { readFileSync, writeFileSync } from 'node:fs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

/** The base64 VLQ numbers of one segment. */
function decodeSegment(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`source map: bad base64 character "${char}"`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeValue(value) {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let text = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    text += BASE64[digit];
  } while (rest > 0);
  return text;
}

/** Rewrites `mapFile` without the mappings into sources that `isDependency` names (and without
 * those sources); returns how many sources it dropped. */
export function dropDependencyMappings(mapFile, isDependency) {
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const kept = new Map();
  map.sources.forEach((source, index) => {
    if (!isDependency(source)) kept.set(index, kept.size);
  });
  const dropped = map.sources.length - kept.size;
  if (dropped === 0) return 0;
  // Absolute fields carried across segments (the source fields across lines too), as read and as written.
  const read = { source: 0, line: 0, column: 0, name: 0 };
  const written = { source: 0, line: 0, column: 0, name: 0 };
  const lines = map.mappings.split(';').map((line) => {
    let readColumn = 0;
    let writtenColumn = 0;
    const segments = [];
    for (const text of line.split(',')) {
      if (text === '') continue;
      const [column, source, sourceLine, sourceColumn, name] = decodeSegment(text);
      readColumn += column;
      let out = encodeValue(readColumn - writtenColumn);
      writtenColumn = readColumn;
      if (source !== undefined) {
        read.source += source;
        read.line += sourceLine;
        read.column += sourceColumn;
        if (name !== undefined) read.name += name;
        const keptSource = kept.get(read.source);
        if (keptSource !== undefined) {
          out += encodeValue(keptSource - written.source) + encodeValue(read.line - written.line) + encodeValue(read.column - written.column);
          Object.assign(written, { source: keptSource, line: read.line, column: read.column });
          if (name !== undefined) {
            out += encodeValue(read.name - written.name);
            written.name = read.name;
          }
        }
      }
      segments.push(out); // a lone column: this generated code maps to no source
    }
    return segments.join(',');
  });
  map.mappings = lines.join(';');
  map.sources = map.sources.filter((_, index) => kept.has(index));
  if (Array.isArray(map.sourcesContent)) map.sourcesContent = map.sourcesContent.filter((_, index) => kept.has(index));
  writeFileSync(mapFile, JSON.stringify(map));
  return dropped;
}
