import { SimulationError } from '../core/errors.js';
import { ScriptedFaults } from '../network/scripted-faults.js';
import type { Constructor } from './definitions.js';
import { designParamTypes, injectedTokens } from './metadata.js';

// Tokens exported under another name than their class's.
const TOKEN_NAMES = new Map<unknown, string>([[ScriptedFaults, 'NetworkFaults']]);

function tokenName(token: unknown): string {
  return TOKEN_NAMES.get(token) ?? (typeof token === 'function' && token.name ? token.name : String(token));
}

// The token of each constructor parameter by class (undefined where there is none): an @Inject
// token wins, else design:paramtypes. Decorators have run when a class is first constructed, so
// the metadata is read once, not for every process of every seed.
const parameterTokens = new WeakMap<Constructor, readonly unknown[]>();

function parameterTokensOf(target: Constructor): readonly unknown[] {
  let tokens = parameterTokens.get(target);
  if (tokens === undefined) {
    const injected = injectedTokens(target);
    const designed = designParamTypes(target);
    const count = Math.max(target.length, designed?.length ?? 0, ...[...injected.keys()].map((i) => i + 1));
    tokens = Array.from({ length: count }, (_, index) => (injected.has(index) ? injected.get(index) : designed?.[index]));
    parameterTokens.set(target, tokens);
  }
  return tokens;
}

/** A constructor parameter moonpool cannot resolve; fails the seed with kind 'injection'. */
export class InjectionError extends SimulationError {
  /** The process being built (`client#3`), once known. */
  where: string | undefined;

  constructor(
    readonly className: string,
    readonly file: string,
    readonly parameterIndex: number,
    problem: string,
    available: readonly string[],
  ) {
    const detail = `cannot construct ${className} (${file}): constructor parameter ${parameterIndex} (zero-based) ${problem}`;
    const fix =
      `Either put @Inject(Token) on that parameter (tokens here: ${available.join(', ')}), ` +
      'or compile with emitDecoratorMetadata (tsc or swc; tsx does not emit design:paramtypes) and declare the parameter with a token class as its type.';
    super(`${detail}. ${fix}`, { detail, fix });
  }
}

/** Builds instances from a fixed set of token → value bindings (one set per simulated process). */
export class Injector {
  constructor(private readonly bindings: ReadonlyMap<unknown, unknown>) {}

  /** The tokens this injector serves, for error messages. */
  tokens(): string[] {
    return [...this.bindings.keys()].map(tokenName);
  }

  private lookup(token: unknown): { found: boolean; value?: unknown } {
    if (this.bindings.has(token)) return { found: true, value: this.bindings.get(token) };
    // A concrete class as the declared type (SimTimeProvider) gets the bound instance of that class.
    if (typeof token === 'function' && token !== Object && token !== Function) {
      for (const value of this.bindings.values()) {
        if (value instanceof token) return { found: true, value };
      }
    }
    return { found: false };
  }

  /** The constructor arguments of `target`: an @Inject token wins, else design:paramtypes. */
  resolve(target: Constructor, file: string): unknown[] {
    const tokens = parameterTokensOf(target);
    const args: unknown[] = [];
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index];
      if (token === undefined) {
        throw new InjectionError(target.name, file, index, 'has no @Inject(token) and no design:paramtypes type', this.tokens());
      }
      const { found, value } = this.lookup(token);
      if (!found) {
        const why = token === Object ? 'is typed as an interface, union or Object, which is no token' : `asks for ${tokenName(token)}, which is not injectable here`;
        throw new InjectionError(target.name, file, index, why, this.tokens());
      }
      args.push(value);
    }
    return args;
  }

  construct<T>(target: Constructor<T>, file: string): T {
    return new target(...this.resolve(target as Constructor, file));
  }
}
