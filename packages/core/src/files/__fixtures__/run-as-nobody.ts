import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Runs a Node script as the unprivileged `nobody` and returns its stdout: these machines run as
 * root, which ignores file modes, so only this way is a permission case real.
 */
export async function runNodeAsNobody(script: string, args: readonly string[]): Promise<string> {
  const { stdout } = await promisify(execFile)('setpriv', [
    '--reuid=nobody',
    '--regid=nogroup',
    '--clear-groups',
    process.execPath,
    script,
    ...args,
  ]);
  return stdout;
}
