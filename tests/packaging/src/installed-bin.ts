import { type ChildProcess, type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { PackedInstall } from './packed-install.js';

const RUN_TIMEOUT_MS = 30_000;

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One run of an installed binary (its node_modules/.bin shim), stdin closed. */
export function runBin(
  install: PackedInstall,
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<RunResult> {
  return runChild(spawn(join(install.binDir, bin), args, { env, cwd: env.HOME, stdio: 'pipe' }), bin, args);
}

/** The running Node in the installed project's directory, where its imports resolve. */
export function runNode(install: PackedInstall, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const child = spawn(process.execPath, args, { env, cwd: install.projectDir, stdio: 'pipe' });
  return runChild(child, 'node', args.slice(0, 1));
}

function runChild(child: ChildProcessWithoutNullStreams, bin: string, args: string[]): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${bin} ${args.join(' ')} did not finish:\n${stderr}`));
    }, RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface InstalledEmulator {
  url: string;
  close(): Promise<void>;
}

/** The installed `bedrock-emulator` on a free port; it prints its URL as the first line of stdout. */
export async function startInstalledEmulator(install: PackedInstall): Promise<InstalledEmulator> {
  const child: ChildProcess = spawn(join(install.binDir, 'bedrock-emulator'), ['--port', '0'], {
    env: install.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', () =>
      reject(new Error(`bedrock-emulator exited before printing its URL:\n${stderr}`)),
    );
  });
  lines.close();
  return {
    url,
    close: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
