import { spawn } from 'node:child_process';

/**
 * Runs a command to completion; wall time from spawn to exit (ms) as the parent sees it, which is
 * what a user waiting at a prompt sees. Rejects on a non-zero exit; kills the child after `timeoutMs`.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, timeoutMs?: number }} [options]
 * @returns {Promise<{ wallMs: number, stdout: string, stderr: string }>}
 */
export function timedRun(command, args, { env, cwd, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      if (code === 0) resolve({ wallMs, stdout, stderr });
      else
        reject(
          new Error(
            `${[command, ...args].join(' ')} exited ${signal ?? code}: ${stderr.trim().slice(-1000)}`,
          ),
        );
    });
  });
}
