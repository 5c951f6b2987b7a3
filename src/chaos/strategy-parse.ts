import type { StrategySpec } from './strategy.js';

/** A strategy text (CLI --strategy or the config file) that does not parse. */
export class StrategyError extends Error {
  constructor(text: string, why: string) {
    super(
      `strategy ${JSON.stringify(text)}: ${why}. Use one of: ` +
        'fixed:100 (exactly 100 seeds; a bare 100 means the same), ' +
        'until-all-sometimes:1000 or until-all-sometimes:20..1000 (until every sometimes/reachable site held, at most 1000 seeds, at least 20), ' +
        'time:30s or time:30s/5000 (a wall-clock budget in ms, s, m or h, optionally at most 5000 seeds), ' +
        'plateau:50/2000 (until 50 seeds in a row add no coverage, at most 2000 seeds), ' +
        'explore:2000 (2000 timelines, branched from the discoveries of seeds and of each other).',
    );
    this.name = 'StrategyError';
  }
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function count(text: string, value: string, what: string): number {
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new StrategyError(text, `${what} "${value}" is not a positive integer`);
  }
  return Number(value);
}

function durationMs(text: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value);
  const ms = match === null ? Number.NaN : Math.round(Number(match[1]) * UNIT_MS[match[2]]);
  if (!(ms >= 1) || !Number.isSafeInteger(ms)) {
    throw new StrategyError(text, `the time budget "${value}" is not a positive duration with a unit, like 500ms, 30s, 5m or 1h`);
  }
  return ms;
}

/** Parses the CLI form of a strategy: 'fixed:100', 'until-all-sometimes:1000',
 * 'until-all-sometimes:20..1000', 'time:30s', 'time:30s/5000', 'plateau:50/2000', 'explore:2000'. */
export function parseStrategy(text: string): StrategySpec {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { kind: 'fixed', seeds: count(text, trimmed, 'the seed count') };
  const colon = trimmed.indexOf(':');
  if (colon < 0) throw new StrategyError(text, 'it has no "name:" prefix');
  const name = trimmed.slice(0, colon);
  const args = trimmed.slice(colon + 1).trim();
  switch (name) {
    case 'fixed':
      return { kind: 'fixed', seeds: count(text, args, 'the seed count') };
    case 'until-all-sometimes':
    case 'sometimes': {
      const parts = args.split('..');
      if (parts.length > 2) throw new StrategyError(text, 'a seed range has one "..", like until-all-sometimes:20..1000');
      const spec: StrategySpec = { kind: 'until-all-sometimes', seedsMax: count(text, parts[parts.length - 1], 'the maximum seed count') };
      if (parts.length === 2) spec.seedsMin = count(text, parts[0], 'the minimum seed count');
      if ((spec.seedsMin ?? 0) > spec.seedsMax) throw new StrategyError(text, `the minimum ${spec.seedsMin} exceeds the maximum ${spec.seedsMax}`);
      return spec;
    }
    case 'time':
    case 'time-budget': {
      const parts = args.split('/');
      if (parts.length > 2) throw new StrategyError(text, 'a time budget takes at most one "/", like time:30s/5000');
      const spec: StrategySpec = { kind: 'time-budget', budgetMs: durationMs(text, parts[0]) };
      if (parts.length === 2) spec.seedsMax = count(text, parts[1], 'the maximum seed count');
      return spec;
    }
    case 'plateau':
    case 'until-coverage-plateau': {
      const parts = args.split('/');
      if (parts.length !== 2) throw new StrategyError(text, 'a plateau needs a window and a maximum, like plateau:50/2000');
      return { kind: 'until-coverage-plateau', window: count(text, parts[0], 'the window'), seedsMax: count(text, parts[1], 'the maximum seed count') };
    }
    case 'explore':
      return { kind: 'explore', timelines: count(text, args, 'the timeline count') };
    default:
      throw new StrategyError(text, `"${name}" is not a strategy name`);
  }
}
