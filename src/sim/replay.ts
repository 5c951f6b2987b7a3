import type { TopologyDefinition } from './definitions.js';

/** Flags that change what a seed does (only the non-default ones are printed). */
export type ReplayFlags = Record<string, string | number | boolean | undefined>;

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function quote(value: string): string {
  return /^[A-Za-z0-9_.,:/=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that replays one seed alone, for example
 * `npx moonpool-test ping-pong --layout 2x10 --seed 3735928559 --network hostile`.
 * `topology` is a topology name, its definition, or a case id (`ping-pong[2x10]`).
 */
export function replayCommand(topology: string | TopologyDefinition, layout: string, seed: number, extra: ReplayFlags = {}): string {
  return replayCommands(topology, layout, extra)(seed);
}

/** `replayCommand` for many seeds of one case: the name, layout and flags are quoted once. */
export function replayCommands(topology: string | TopologyDefinition, layout: string, extra: ReplayFlags = {}): (seed: number) => string {
  const name = typeof topology === 'string' ? topology.replace(/\[.*\]$/, '') : topology.name;
  const head = `npx moonpool-test ${quote(name)} --layout ${quote(layout)} --seed`;
  let tail = '';
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined || value === false) continue;
    tail += ` --${kebab(key)}`;
    if (value !== true) tail += ` ${quote(String(value))}`;
  }
  return (seed) => `${head} ${seed}${tail}`;
}
