import type { GuardClock } from './guard-clock.js';
import type { GuardCrypto } from './guard-crypto.js';
import type { GuardSession } from './guard-session.js';
import type { VirtualTimers } from './virtual-timers.js';

/** One seed's guard as the dispatchers reach it: what they hand out, and from where. */
export interface GuardHandlers {
  session: GuardSession;
  timers: VirtualTimers;
  crypto: GuardCrypto;
  clock: GuardClock;
}
