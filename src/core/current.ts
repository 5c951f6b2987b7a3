import type { SimWorld } from './world.js';

// The world whose seed is running in this thread. One seed runs at a time per thread, so a
// module-level slot is exact; buggify, assertions and the guard read it.
let current: SimWorld | undefined;

export function currentWorld(): SimWorld | undefined {
  return current;
}

export function setCurrentWorld(world: SimWorld | undefined): void {
  current = world;
}
