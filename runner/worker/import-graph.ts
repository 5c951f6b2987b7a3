// Records which file imports which while discovery loads a project, for watch mode: a loader
// resolve hook (registered once per thread) reports each (parent, resolved) pair over a port.
import { register } from 'node:module';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

const HOOK_SOURCE = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (context.parentURL !== undefined) port.postMessage({ parent: context.parentURL, url: result.url });
  return result;
}`;

const FLUSH_PREFIX = 'data:text/javascript,/*moonpool-import-graph-flush-';

type Edge = { parent: string; url: string };

let port: MessagePort | undefined;
const listeners = new Set<(edge: Edge) => void>();
let flushCount = 0;
let flushesWaiting = 0;

function ensureHook(): void {
  if (port !== undefined) return;
  const channel = new MessageChannel();
  port = channel.port1;
  port.on('message', (edge: Edge) => {
    for (const listener of listeners) listener(edge);
  });
  port.unref();
  register(`data:text/javascript,${encodeURIComponent(HOOK_SOURCE)}`, {
    data: { port: channel.port2 },
    transferList: [channel.port2],
  });
}

/** A local file path from a module URL (query and hash dropped), or undefined for node:, data: and dependencies. */
export function projectFile(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = fileURLToPath(url.replace(/[?#].*$/, ''));
  return /[\\/]node_modules[\\/]/.test(path) ? undefined : path;
}

/** Collects the import edges between project files whose parent belongs to tsx namespace `namespace`. */
export class ImportGraphRecorder {
  readonly graph = new Map<string, Set<string>>();
  private readonly listener = (edge: Edge) => this.add(edge);
  private pendingFlush: { marker: string; resolve: () => void } | undefined;

  constructor(private readonly namespace: string) {
    ensureHook();
    listeners.add(this.listener);
  }

  private add(edge: Edge): void {
    if (this.pendingFlush !== undefined && edge.url.startsWith(this.pendingFlush.marker)) {
      this.pendingFlush.resolve();
      return;
    }
    if (!edge.parent.includes(`tsx-namespace=${this.namespace}`)) return;
    const from = projectFile(edge.parent);
    const to = projectFile(edge.url);
    if (from === undefined || to === undefined) return;
    let targets = this.graph.get(from);
    if (targets === undefined) this.graph.set(from, (targets = new Set()));
    targets.add(to);
  }

  /** Waits until every edge resolved so far has arrived: the port is ordered, so a marker
   * resolved now arrives after them. `importer` imports a specifier in this thread. */
  async finish(importer: (specifier: string) => Promise<unknown>): Promise<Map<string, Set<string>>> {
    const marker = `${FLUSH_PREFIX}${++flushCount}*/`;
    const arrived = new Promise<void>((resolve) => (this.pendingFlush = { marker, resolve }));
    // The port is unref'd so it never keeps a process alive; while a flush waits it must.
    if (flushesWaiting++ === 0) port?.ref();
    try {
      await importer(marker);
      await arrived;
    } finally {
      if (--flushesWaiting === 0) port?.unref();
      listeners.delete(this.listener);
    }
    return this.graph;
  }
}
