import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p` that always terminates. Node 20's `mkdirSync(…, { recursive: true })` loops forever
 * (100% CPU) on some unwritable trees, e.g. under /proc; creating one level at a time fails fast
 * with the real error instead. Returns true when `directory` was created.
 */
export function makeDirectory(directory: string, mode = 0o700): boolean {
  try {
    mkdirSync(directory, { mode });
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(directory).isDirectory()) return false;
    const parent = dirname(directory);
    if (code !== 'ENOENT' || parent === directory) throw error;
  }
  makeDirectory(dirname(directory), mode);
  try {
    mkdirSync(directory, { mode });
    return true;
  } catch (error) {
    // Another process may have created it between our two attempts.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(directory).isDirectory()) return false;
    throw error;
  }
}
