// The assertion calls of one source file (sometimesAssert, reachable, alwaysAssert and the
// richer forms), read from TypeScript's syntax tree (so a call in a comment, a string or a
// template is no call), and the modules the file loads when it runs. A call counts only when its
// message is a literal: a site is (kind, message) at run time, and only a literal gives that
// identity before the code runs.
import type * as TypeScript from 'typescript';
import type { CoverageKind } from '../../src/internal.js';

export type Ts = typeof TypeScript;

export type SiteKind = CoverageKind;

/** One assertion call with a literal message. */
export interface SourceCall {
  kind: SiteKind;
  message: string;
  /** 1-based line of the call. */
  line: number;
  /** The module specifier the called function was imported from. */
  from: string;
}

export interface SourceSites {
  /** Specifiers of the modules the file loads when it runs: imports, re-exports and dynamic
   * imports of a literal (type-only imports load nothing). */
  imports: string[];
  calls: SourceCall[];
}

/** Each assertion function: the kind of site it makes, and which argument is its message. */
const FUNCTIONS = new Map<string, { kind: SiteKind; messageArgument: number }>([
  ['sometimesAssert', { kind: 'sometimes', messageArgument: 1 }],
  ['reachable', { kind: 'reachable', messageArgument: 0 }],
  ['alwaysAssert', { kind: 'always', messageArgument: 1 }],
  ['sometimesAll', { kind: 'sometimes-all', messageArgument: 0 }],
  ['sometimesEach', { kind: 'sometimes-each', messageArgument: 0 }],
  ['alwaysLessThan', { kind: 'always-less-than', messageArgument: 2 }],
  ['alwaysLessThanOrEqual', { kind: 'always-less-than-or-equal', messageArgument: 2 }],
  ['alwaysGreaterThan', { kind: 'always-greater-than', messageArgument: 2 }],
  ['alwaysGreaterThanOrEqual', { kind: 'always-greater-than-or-equal', messageArgument: 2 }],
  ['sometimesLessThan', { kind: 'sometimes-less-than', messageArgument: 2 }],
  ['sometimesGreaterThan', { kind: 'sometimes-greater-than', messageArgument: 2 }],
]);

/** The names a file must contain for the site catalogue to load TypeScript and read it. */
export const ASSERTION_FUNCTIONS: readonly string[] = [...FUNCTIONS.keys()];

interface Imported {
  kind: SiteKind;
  messageArgument: number;
  from: string;
}

/** The imports and assertion calls of `text`, the source of `file` (its extension picks the
 * dialect: .ts, .tsx, .js, ...). Syntax errors never throw: the parser recovers. */
export function sourceSites(ts: Ts, file: string, text: string): SourceSites {
  // JSDoc holds no calls: not parsing it saves about a tenth of the parse.
  const source = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false);
  const imports = new Set<string>();
  // Local name → the assertion function it names (`import { reachable as marker }` included).
  const named = new Map<string, Imported>();
  // Namespace import (`import * as moonpool`) → its module specifier.
  const namespaces = new Map<string, string>();
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly === true) continue;
      const from = statement.moduleSpecifier.text;
      imports.add(from);
      const bindings = clause?.namedBindings;
      if (bindings === undefined) continue;
      if (ts.isNamespaceImport(bindings)) {
        namespaces.set(bindings.name.text, from);
        continue;
      }
      for (const element of bindings.elements) {
        const assertion = FUNCTIONS.get((element.propertyName ?? element.name).text);
        if (assertion !== undefined && !element.isTypeOnly) named.set(element.name.text, { ...assertion, from });
      }
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier)) {
      imports.add(statement.moduleSpecifier.text);
    }
  }
  const calledFunction = (callee: TypeScript.Expression): Imported | undefined => {
    if (ts.isIdentifier(callee)) return named.get(callee.text);
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const from = namespaces.get(callee.expression.text);
      const assertion = FUNCTIONS.get(callee.name.text);
      return from !== undefined && assertion !== undefined ? { ...assertion, from } : undefined;
    }
    return undefined;
  };
  const calls: SourceCall[] = [];
  const visit = (node: TypeScript.Node): void => {
    if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        if (first !== undefined && ts.isStringLiteralLike(first)) imports.add(first.text);
      } else {
        const called = calledFunction(node.expression);
        const message = called === undefined ? undefined : node.arguments[called.messageArgument];
        if (called !== undefined && message !== undefined && ts.isStringLiteralLike(message)) {
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          calls.push({ kind: called.kind, message: message.text, line, from: called.from });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports: [...imports], calls };
}
