// Renders a JsonReport as text in pieces: indented like JSON.stringify(report, null, 2), except
// that each seed of a case's `seeds` is one line (a run of many seeds stays readable and small).
import type { JsonCase, JsonReport } from './json-report.js';

export function* renderJsonReport(report: JsonReport): Generator<string> {
  const keys = Object.keys(report) as (keyof JsonReport)[];
  yield '{\n';
  for (const [i, key] of keys.entries()) {
    const comma = i < keys.length - 1 ? ',' : '';
    if (key === 'cases') {
      yield `  "cases": [${report.cases.length === 0 ? '' : '\n'}`;
      for (const [j, c] of report.cases.entries()) yield* renderCase(c, j < report.cases.length - 1 ? ',' : '');
      yield `${report.cases.length === 0 ? '' : '  '}]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(report[key], null, 2), '  ')}${comma}\n`;
    }
  }
  yield '}\n';
}

function* renderCase(c: JsonCase, comma: string): Generator<string> {
  const { seeds, ...rest } = c;
  // `seeds` is the case's last key: the rest, then the seeds one per line.
  const head = indent(JSON.stringify(rest, null, 2), '    ').slice(0, -'\n    }'.length);
  yield `    ${head},\n      "seeds": [${seeds.length === 0 ? '' : '\n'}`;
  for (const [i, seed] of seeds.entries()) yield `        ${JSON.stringify(seed)}${i < seeds.length - 1 ? ',' : ''}\n`;
  yield `${seeds.length === 0 ? '' : '      '}]\n    }${comma}\n`;
}

function indent(text: string, by: string): string {
  return text.replace(/\n/g, `\n${by}`);
}
