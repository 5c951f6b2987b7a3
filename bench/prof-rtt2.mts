import { rttPerSec } from '../src/transport/transport.bench-support.js';
import { SimWorld } from '../src/core/world.js';
const w = new SimWorld({ seed: 1 });
for (let i = 0; i < 6; i++) console.log(Math.round(await rttPerSec(20000)));
