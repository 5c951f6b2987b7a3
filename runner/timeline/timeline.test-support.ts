// Synthetic timelines for the HTML view's tests: a small replicated key-value store (3 servers,
// 2 clients) with connections, request/response and replication frames carrying correlation ids,
// two partitions and a clog (faults on `sim` with durations), a crash and reboot of server#2 with
// its connections reset, buggify, assertions, tasks, state changes, user trace entries, and an
// invariant failure as the last entry. Deterministic for a given seed, so a test can count what
// the page should show.
import type { Timeline, TimelineEntry, TimelineKind, TimelineValue } from '../../src/internal.js';

const SERVERS = ['server#1', 'server#2', 'server#3'] as const;
const CLIENTS = ['client#4', 'client#5'] as const;
const PROCESSES = [...SERVERS, ...CLIENTS];
export const FAILURE_MESSAGE = "Invariant 'linearizable' failed: client#5 read k3 = 6 after the write k3 = 7 was acknowledged\n  write acknowledged to client#4 by server#1\n  read served by server#2 (incarnation 2)";

const hostOf = (process: string) => `10.0.0.${process.split('#')[1]}`;

/** mulberry32: a tiny seeded generator, enough for test data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pending {
  timeMs: number;
  order: number;
  run: () => void;
}

/** A failing seed's timeline with about `entries` entries (at least a few hundred). */
export function syntheticTimeline(options: { entries: number; seed?: number }): Timeline {
  const target = Math.max(options.entries, 300);
  const rand = random(options.seed ?? 7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const entries: TimelineEntry[] = [];
  let now = 0;
  let eventIndex = 0;
  let messageId = 0;
  let correlation = 0;
  let order = 0;
  const pending: Pending[] = [];
  const up = new Map<string, boolean>(PROCESSES.map((p) => [p, true]));
  const incarnation = new Map<string, number>(PROCESSES.map((p) => [p, 1]));
  const connected = new Set<string>();
  const store = new Map<string, Map<string, number>>(SERVERS.map((s) => [s, new Map()]));
  const acked = new Map<string, number>(CLIENTS.map((c) => [c, 0]));
  let partition: { a: string[]; b: string[] } | null = null;
  let clogExtraMs = 0;

  const push = (process: string, kind: TimelineKind, text: string, extra: Partial<TimelineEntry> = {}) => {
    if (rand() < 0.7) eventIndex += 1 + Math.floor(rand() * 3);
    entries.push({ seq: entries.length, timeMs: now, eventIndex, process, kind, text, ...extra });
  };
  const later = (delayMs: number, run: () => void) => {
    const item = { timeMs: Math.round((now + delayMs) * 1000) / 1000, order: order++, run };
    let at = pending.length;
    while (at > 0 && (pending[at - 1].timeMs > item.timeMs || (pending[at - 1].timeMs === item.timeMs && pending[at - 1].order > item.order))) at--;
    pending.splice(at, 0, item);
  };
  const cut = (a: string, b: string) =>
    partition !== null && ((partition.a.includes(hostOf(a)) && partition.b.includes(hostOf(b))) || (partition.b.includes(hostOf(a)) && partition.a.includes(hostOf(b))));
  const link = (a: string, b: string) => [a, b].sort().join('|');

  /** A frame from `from` to `to`; delivered later unless cut, or its receiver is down by then. */
  const send = (from: string, to: string, frame: string, id: number, bytes: number, onDeliver: () => void) => {
    const message = ++messageId;
    const fields: Record<string, TimelineValue> = { frame, correlationId: id, bytes };
    push(from, 'send', `→ ${to} ${frame} #${id} (${bytes} B)`, { peer: to, messageId: message, fields });
    if (cut(from, to)) return;
    const latencyMs = 0.4 + rand() * 6 + (to === 'client#5' || from === 'client#5' ? clogExtraMs : 0);
    const sentIncarnation = incarnation.get(to);
    later(latencyMs, () => {
      if (!up.get(to) || incarnation.get(to) !== sentIncarnation || !connected.has(link(from, to))) return;
      push(to, 'deliver', `← ${from} ${frame} #${id} (${bytes} B)`, { peer: from, messageId: message, fields });
      onDeliver();
    });
  };
  const connect = (from: string, to: string) => {
    connected.add(link(from, to));
    push(from, 'connect', `→ ${to} connected`, { peer: to, fields: { port: 4000 + Number(to.split('#')[1]) } });
  };
  const writeKey = (server: string, key: string, value: number) => {
    const keys = store.get(server)!;
    const before = keys.get(key);
    keys.set(key, value);
    push(server, 'state', `server/${hostOf(server)} ${key}: ${before ?? '∅'} → ${value}`, { fields: { key, before: before ?? null, after: value } });
  };

  const request = () => {
    const client = pick(CLIENTS);
    const server = rand() < 0.6 ? 'server#1' : pick(SERVERS);
    if (!up.get(server)) {
      push(client, 'user', `skip: ${server} is down`, { fields: { name: 'skip', server } });
      return;
    }
    if (!connected.has(link(client, server))) connect(client, server);
    const id = ++correlation;
    const key = `k${1 + Math.floor(rand() * 9)}`;
    const write = rand() < 0.5;
    const value = Math.floor(rand() * 20);
    send(client, server, write ? 'put' : 'get', id, write ? 48 + Math.floor(rand() * 40) : 32, () => {
      push(server, 'task', `task handle#${id} started`, { fields: { phase: 'start', task: `handle#${id}` } });
      if (write) {
        writeKey(server, key, value);
        if (rand() < 0.08) push(server, 'buggify', 'buggify fired at src/kv/server.ts:88 (delay the reply)', { fields: { site: 'src/kv/server.ts:88' } });
        for (const replica of SERVERS) {
          if (replica === server || !up.get(replica)) continue;
          if (!connected.has(link(server, replica))) connect(server, replica);
          send(server, replica, 'replicate', id, 72, () => {
            writeKey(replica, key, value);
            send(replica, server, 'ack', id, 16, () => undefined);
          });
        }
      }
      push(server, 'task', `task handle#${id} ended`, { fields: { phase: 'end', task: `handle#${id}` } });
      send(server, client, write ? 'put-ok' : 'get-ok', id, write ? 16 : 40, () => {
        if (write) acked.set(client, acked.get(client)! + 1);
        push(client, 'user', `${write ? 'put' : 'get'} ${key}${write ? ` = ${value}` : ''} ok (request #${id})`, {
          fields: { name: write ? 'put-ok' : 'get-ok', key, ...(write ? { value } : {}), correlationId: id },
        });
        if (rand() < 0.2) push(client, 'assert', 'sometimes: a put is acknowledged under a partition', { fields: { site: 'sometimes', hit: partition !== null } });
      });
    });
  };

  const reboot = (process: string, downMs: number) => {
    push(process, 'reboot', `stopped (crash), down for ${downMs} ms`, { fields: { stop: 'crash', downMs } });
    up.set(process, false);
    for (const other of PROCESSES) {
      if (other !== process && connected.delete(link(process, other))) push(other, 'reset', `connection to ${process} reset`, { peer: process });
    }
    later(downMs, () => {
      up.set(process, true);
      incarnation.set(process, incarnation.get(process)! + 1);
      push(process, 'start', `started (incarnation ${incarnation.get(process)})`, { fields: { incarnation: incarnation.get(process)! } });
      push(process, 'task', 'task recover started', { fields: { phase: 'start', task: 'recover' } });
    });
  };
  const partitionFor = (a: string[], b: string[], durationMs: number) => {
    partition = { a: a.map(hostOf), b: b.map(hostOf) };
    push('sim', 'fault', `partition ${partition.a.join(',')} | ${partition.b.join(',')} for ${durationMs} ms`, {
      fields: { fault: 'partition', sideA: partition.a.join(','), sideB: partition.b.join(','), durationMs },
    });
    later(durationMs, () => {
      partition = null;
      push('sim', 'fault', 'partition healed', { fields: { fault: 'heal' } });
    });
  };

  for (const process of PROCESSES) push(process, 'start', 'started (incarnation 1)', { fields: { incarnation: 1 } });
  for (const server of SERVERS) push(server, 'task', 'task listen started', { fields: { phase: 'start', task: 'listen' } });
  const milestones = new Map<number, () => void>([
    [Math.floor(target * 0.25), () => partitionFor(['server#1'], [...CLIENTS], 900)],
    [Math.floor(target * 0.4), () => {
      clogExtraMs = 35;
      push('sim', 'fault', 'clog 10.0.0.5 +35 ms for 600 ms', { fields: { fault: 'clog', host: '10.0.0.5', extraLatencyMs: 35, durationMs: 600 } });
      later(600, () => { clogExtraMs = 0; });
    }],
    [Math.floor(target * 0.5), () => reboot('server#2', 700)],
    [Math.floor(target * 0.7), () => partitionFor(['server#3'], ['server#1', 'server#2'], 1200)],
  ]);

  while (entries.length < target - 1) {
    const milestone = [...milestones.keys()].find((at) => entries.length >= at);
    if (milestone !== undefined) {
      milestones.get(milestone)!();
      milestones.delete(milestone);
      continue;
    }
    const spontaneousMs = now + 0.2 + rand() * 2.5;
    if (pending.length > 0 && pending[0].timeMs <= spontaneousMs) {
      const next = pending.shift()!;
      now = next.timeMs;
      next.run();
      continue;
    }
    now = Math.round(spontaneousMs * 1000) / 1000;
    const roll = rand();
    if (roll < 0.7) request();
    else if (roll < 0.8) {
      const process = pick(PROCESSES.filter((p) => up.get(p)));
      push(process, 'task', `task heartbeat ${rand() < 0.5 ? 'started' : 'ended'}`, { fields: { phase: 'tick', task: 'heartbeat' } });
    } else if (roll < 0.88) {
      const client = pick(CLIENTS);
      push(client, 'user', `think ${Math.floor(rand() * 50)} ms`, { fields: { name: 'think' } });
    } else if (roll < 0.93) {
      push(pick(SERVERS), 'buggify', 'buggify fired at src/kv/server.ts:131 (drop a replica ack)', { fields: { site: 'src/kv/server.ts:131' } });
    } else {
      push(pick(CLIENTS), 'assert', 'always: reply correlation id matches its request', { fields: { site: 'always', passed: true } });
    }
  }
  push('server#2', 'failure', "invariant 'linearizable' failed: client#5 read k3 = 6 after k3 = 7 was acknowledged", { fields: { invariant: 'linearizable' } });
  const last = entries[entries.length - 1];
  const state: Record<string, unknown> = {};
  for (const server of SERVERS) state[`server/${hostOf(server)}`] = { up: up.get(server), incarnation: incarnation.get(server), keys: Object.fromEntries([...store.get(server)!].sort()) };
  for (const client of CLIENTS) state[`client/${hostOf(client)}`] = { acknowledged: acked.get(client), lastRead: { key: 'k3', value: 6 } };
  return {
    caseId: 'kv-store[3x2]',
    seed: options.seed ?? 7,
    processes: [...PROCESSES.map((id) => ({ id, host: hostOf(id) })), { id: 'sim', host: '' }],
    entries,
    dropped: 0,
    failure: {
      kind: 'invariant',
      eventIndex: last.eventIndex,
      timeMs: last.timeMs,
      message: FAILURE_MESSAGE,
      where: 'Linearizable.check (workloads/kv-store/invariants.ts:42:11)',
      state,
    },
  };
}

/** Strings that break a page that writes data as markup or script, each with the mark it would
 * leave on `window.__pwned` if it ever ran. */
export const HOSTILE_STRINGS = [
  '</script><script>window.__pwned = "script-close"</script>',
  '<!--<script>window.__pwned = "comment"</script>',
  '</SCRIPT ><script>window.__pwned = "upper"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"></svg>',
  '</style><style>body { display: none }</style>',
  '"; window.__pwned = "quote"; "',
  "'; window.__pwned = 'apostrophe'; '",
  '${window.__pwned = "template"}',
  'line\u2028separator\u2029paragraph',
  '\\u003c/script>',
  ']]><![CDATA[',
  '&lt;b&gt;entity&amp;',
  'lone surrogate \ud800 here',
  '__proto__',
];

/** The synthetic timeline with hostile strings in every place the page shows text from. */
export function hostileTimeline(): Timeline {
  const base = syntheticTimeline({ entries: 400, seed: 11 });
  const rename = new Map<string, string>(PROCESSES.map((p, i) => [p, `${HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]} ${p}`]));
  const renamed = (process: string) => rename.get(process) ?? process;
  const entries = base.entries.map((entry, i) => {
    const hostile = HOSTILE_STRINGS[i % HOSTILE_STRINGS.length];
    return {
      ...entry,
      process: renamed(entry.process),
      ...(entry.peer === undefined ? {} : { peer: renamed(entry.peer) }),
      text: `${entry.text} ${hostile}`,
      fields: { ...entry.fields, [hostile]: hostile },
    };
  });
  return {
    ...base,
    caseId: `${HOSTILE_STRINGS[0]} case`,
    processes: base.processes.map((p, i) => ({ id: renamed(p.id), host: `${p.host} ${HOSTILE_STRINGS[(i + 5) % HOSTILE_STRINGS.length]}` })),
    entries,
    failure: {
      ...base.failure!,
      message: HOSTILE_STRINGS.join('\n'),
      where: HOSTILE_STRINGS[3],
      state: Object.fromEntries(HOSTILE_STRINGS.map((s) => [s, { value: s }])),
    },
  };
}
