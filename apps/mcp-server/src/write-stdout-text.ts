/**
 * Writes `--help` / `--version` text to stdout and waits for the write to go out or fail: bin.ts
 * calls process.exit right after main, and a write error (ENOSPC on a full disk) is an 'error'
 * event a tick after the write, so without waiting the text could be lost with exit 0. A reader
 * that left (EPIPE, `| head`) is no failure, as in the CLI (apps/cli/src/process-output.ts).
 * Returns the failure, if any.
 */
export function writeStdoutText(
  text: string,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (error: NodeJS.ErrnoException | undefined) => {
      if (settled) return;
      settled = true;
      stdout.off('error', settle);
      resolve(error?.code === 'EPIPE' ? undefined : error);
    };
    stdout.on('error', settle);
    // The callback runs before the 'error' event of a failed write: wait one more turn for it.
    stdout.write(text, (error) => setImmediate(() => settle(error ?? undefined)));
  });
}
