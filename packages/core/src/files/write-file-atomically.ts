import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Replaces `path` with `data` whole: a reader sees the old file or the new one, never half of
 * one. The data goes to a temporary file beside it, under a random name, created exclusively
 * (O_CREAT | O_EXCL: a file or symlink planted at that name is never followed or overwritten, the
 * call fails instead) with `mode` (0600: private to the user) from its first byte, then renamed
 * over `path`. A temporary file left by a failure is removed. Synchronous: the files it writes
 * (config, caches) are small, and the CLI's start-up code cache runs in an exit handler.
 */
export function writeFileAtomically(path: string, data: string | Uint8Array, mode = 0o600): void {
  const temporary = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  let written = false;
  try {
    writeFileSync(temporary, data, { mode, flag: 'wx' });
    written = true;
    renameSync(temporary, path);
  } catch (error) {
    // A name someone else made first (the exclusive create failed on it) is not ours to remove.
    if (written || (error as NodeJS.ErrnoException).code !== 'EEXIST') removeQuietly(temporary);
    throw error;
  }
}

/** The first error is the one worth reporting: failing to clean up after it changes nothing. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // A leftover under a random name is in no later write's way.
  }
}
