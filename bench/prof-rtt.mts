import { rttPerSec } from '../src/transport/transport.bench-support.js';
import { floorRttPerSec } from './floor-rtt.js';
for (let i = 0; i < 3; i++) console.log(Math.round(await floorRttPerSec(50000)), Math.round(await rttPerSec(20000)));
