import type { CoverageHit } from './coverage.js';
import type { SimWorld } from '../core/world.js';
import { callerSite } from '../core/call-site.js';
import { coverageOf } from './coverage-recorder.js';
import { fmix32, fnv1a32, unitInterval } from './hash.js';

export interface ChaosOptions {
  /** 'auto' draws it per seed from `world.rng.config` (half of the seeds); 'on'/'off' force it. */
  buggify: 'auto' | 'on' | 'off';
  /** Share of buggify call sites enabled in a seed where buggify is on. Default 0.25. */
  siteProbability?: number;
  /** Call-site files are named relative to it (default: the file's nearest package.json folder). */
  projectRoot?: string;
}

export interface ChaosContext {
  readonly buggifyEnabled: boolean;
  readonly siteProbability: number;
  /** Liveness phase: buggify() returns false from then on. */
  setLiveness(on: boolean): void;
  /** Buggify sites seen enabled so far, sorted. */
  enabledSites(): string[];
  /** This seed's sometimes/reachable hits, sorted by message. */
  coverage(): CoverageHit[];
  /** `{ buggify, siteProbability, enabledSites }` for the failing-seed report. */
  describe(): Record<string, unknown>;
}

export const DEFAULT_SITE_PROBABILITY = 0.25;
const SITE_SALT = 0x2545f491;

/** Whether a buggify site is enabled in a seed: a pure function of (seed, site), so adding a
 * site never changes another site's enablement. */
export function siteEnabled(seed: number, site: string, siteProbability: number): boolean {
  return unitInterval(fmix32(fnv1a32(site) ^ fmix32(seed ^ SITE_SALT))) < siteProbability;
}

/** Per-seed chaos state; buggify() reaches it through the running world. */
export class ChaosState implements ChaosContext {
  readonly buggifyEnabled: boolean;
  readonly siteProbability: number;
  readonly projectRoot: string | undefined;
  private liveness = false;
  /** Unmapped caller position → enabled; the mapped site is computed once per key and seed. */
  private readonly sitesByKey = new Map<string, boolean>();
  private readonly siteNames = new Map<string, string>();
  private readonly enabled = new Set<string>();

  constructor(private readonly world: SimWorld, options: ChaosOptions) {
    const probability = options.siteProbability ?? DEFAULT_SITE_PROBABILITY;
    if (!['auto', 'on', 'off'].includes(options.buggify) || !(probability >= 0 && probability <= 1)) {
      throw new RangeError(
        `attachChaos (seed ${world.seed}): got buggify ${JSON.stringify(options.buggify)} and siteProbability ${probability}; ` +
          "buggify must be 'auto', 'on' or 'off' and siteProbability a number in [0, 1].",
      );
    }
    this.siteProbability = probability;
    this.projectRoot = options.projectRoot;
    // Drawn even when forced, so forcing buggify never shifts the seed's other config draws.
    const drawn = world.rng.config.bool(0.5);
    this.buggifyEnabled = options.buggify === 'auto' ? drawn : options.buggify === 'on';
  }

  /** buggify() may fire now (on for the seed and not in the liveness phase). */
  get active(): boolean {
    return this.buggifyEnabled && !this.liveness;
  }

  setLiveness(on: boolean): void {
    this.liveness = on;
  }

  /** Whether the site at `key` is enabled; `skip` is the public function the user called. */
  siteEnabledAt(key: string, skip: (...args: never[]) => unknown): boolean {
    const known = this.sitesByKey.get(key);
    if (known !== undefined) return known;
    const site = mappedSite(key, skip, this.projectRoot);
    const enabled = siteEnabled(this.world.seed, site, this.siteProbability);
    this.sitesByKey.set(key, enabled);
    if (enabled) {
      this.enabled.add(site);
      this.siteNames.set(key, site);
    }
    return enabled;
  }

  /** `file:line` of an enabled site, by its key. */
  siteAt(key: string): string {
    return this.siteNames.get(key) ?? key;
  }

  enabledSites(): string[] {
    return [...this.enabled].sort();
  }

  coverage(): CoverageHit[] {
    return coverageOf(this.world).hits();
  }

  describe(): Record<string, unknown> {
    return { buggify: this.buggifyEnabled ? 'on' : 'off', siteProbability: this.siteProbability, enabledSites: this.enabledSites() };
  }
}

/** Mapped site per project root and unmapped key, shared by every seed of the process: a key
 * names one position of one loaded script, so its mapped site never changes, and formatting a
 * source-mapped stack is the slow part of a first call. */
const mappedSites = new Map<string | undefined, Map<string, string>>();

function mappedSite(key: string, skip: (...args: never[]) => unknown, projectRoot: string | undefined): string {
  let sites = mappedSites.get(projectRoot);
  if (sites === undefined) mappedSites.set(projectRoot, (sites = new Map()));
  let site = sites.get(key);
  if (site === undefined) sites.set(key, (site = callerSite(skip, projectRoot)));
  return site;
}

/** The world's attachment key of its chaos context (see SimWorld.attachments). */
const CHAOS = Symbol('moonpool.chaos');

/** Attaches the chaos context of a seed to its world, before any workload code runs. Draws one
 * value from `world.rng.config` whatever the mode, so call it at the same point of every seed. */
export function attachChaos(world: SimWorld, options: ChaosOptions): ChaosContext {
  if (world.attachments.has(CHAOS)) {
    throw new Error(`attachChaos: the world of seed ${world.seed} already has a chaos context; attach it once per seed.`);
  }
  const state = new ChaosState(world, options);
  world.attachments.set(CHAOS, state);
  return state;
}

/** The chaos context of a world, if one was attached. */
export function chaosOf(world: SimWorld): ChaosState | undefined {
  return world.attachments.get(CHAOS) as ChaosState | undefined;
}
