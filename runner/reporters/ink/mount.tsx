// Mounts the Ink UI on a TTY. Imported lazily by InkReporter so the plain path never loads
// ink or react.
import { render } from 'ink';
import { App } from './app.js';
import type { RunStore } from './run-store.js';

export interface MountedUi {
  unmount(): Promise<void>;
}

export function mountInkUi(store: RunStore, stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream): MountedUi {
  // No raw mode and no useInput: Ctrl+C stays a SIGINT for the runner, which ends the run cleanly.
  const instance = render(<App store={store} />, { stdout, stderr, exitOnCtrlC: false, patchConsole: true });
  return {
    async unmount() {
      instance.unmount();
      await instance.waitUntilExit();
    },
  };
}
