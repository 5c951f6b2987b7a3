// How much a second worker slows the first, measured so that the host's slow and fast phases
// hit both sides alike: the same two warm workers alternate, every few hundred milliseconds,
// between one running alone and both running at once (bench/paired-run.ts drives them). Each
// round compares the lone worker's CPU per seed with the pair's, minutes apart never.
import { median } from './median.js';

/** One round: the lone worker's seeds, then both workers' seeds, each `seeds` long. */
export interface PairedRound {
  seeds: number;
  solo: { cpuMs: number; wallMs: number };
  pair: readonly [{ cpuMs: number; wallMs: number }, { cpuMs: number; wallMs: number }];
}

export interface PairedFactors {
  /** Median over rounds of the lone worker's CPU per seed over each paired worker's (1: no slowdown). */
  workerCpu: number;
  /** Median over rounds of the pair's seeds/s over the lone worker's (2: perfect scaling). */
  wallRatio: number;
  /** Medians of CPU ms per seed, alone and in the pair. */
  soloCpuMsPerSeed: number;
  pairCpuMsPerSeed: number;
}

export function pairedFactors(rounds: readonly PairedRound[]): PairedFactors {
  if (rounds.length === 0) throw new RangeError('pairedFactors: no rounds');
  for (const { seeds, solo, pair } of rounds) {
    const all = [solo, ...pair];
    if (!(seeds > 0 && all.every((run) => run.cpuMs > 0 && run.wallMs > 0))) throw new RangeError('pairedFactors: every round needs seeds and positive CPU and wall times');
  }
  const solo = rounds.map((round) => round.solo.cpuMs / round.seeds);
  const pair = rounds.map((round) => (round.pair[0].cpuMs + round.pair[1].cpuMs) / 2 / round.seeds);
  return {
    workerCpu: median(solo.map((ms, i) => ms / pair[i])),
    wallRatio: median(rounds.map(({ solo: one, pair: [a, b] }) => (2 * one.wallMs) / Math.max(a.wallMs, b.wallMs))),
    soloCpuMsPerSeed: median(solo),
    pairCpuMsPerSeed: median(pair),
  };
}
