/**
 * Tells whoever started this process where it listens. `npm start` and the end-to-end
 * tests start every process with port 0 (or a fixed port) and an IPC channel, and wait
 * for this message instead of guessing ports or polling.
 */
export function announceReady(name: string, url: string): void {
  if (process.send) process.send({ type: 'ready', name, url });
}

/** Closes the server on SIGINT/SIGTERM so Ctrl-C and the launcher stop everything cleanly. */
export function closeOnSignal(close: () => Promise<void>): void {
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The launcher's IPC channel closing means the launcher died: do not linger as an orphan.
  process.once('disconnect', stop);
}
