import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built server (`pnpm build` first); e2e tests run what users run. */
export const BIN_PATH = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
export const INSPECTOR_PATH = fileURLToPath(
  new URL('../../node_modules/.bin/mcp-inspector-cli', import.meta.url),
);
export const CLI_BIN_PATH = fileURLToPath(new URL('../../../cli/bin/bedrock-chat.js', import.meta.url));
export const CLI_DIST_PATH = fileURLToPath(new URL('../../../cli/dist/bin.cjs', import.meta.url));

/**
 * How to run mcp-inspector-cli 1.0.3 as a CLI: `--cli` first (without it the bin starts the web
 * inspector, which is not installed), from a directory whose parent holds a package.json (it tests
 * `existsSync('../package.json')` against the cwd but imports it relative to itself).
 */
export const INSPECTOR_CWD = fileURLToPath(new URL('..', import.meta.url));
export function inspectorArgs(...args: string[]): string[] {
  return ['--cli', ...args];
}

export function assertBuilt(): void {
  if (!existsSync(BIN_PATH))
    throw new Error(`${BIN_PATH} is missing: run pnpm --filter @bedrock-chat/mcp-server build`);
}

export interface Captured {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, capturing its output; kills it after `timeoutMs`. */
export function run(
  command: string,
  args: readonly string[],
  options: { env: Record<string, string>; input?: string; timeoutMs?: number; cwd?: string },
): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // A process that exits at once (a usage error) closes stdin before the input is written.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** Waits for a process's exit code; kills it (and fails) after `timeoutMs`. */
export function exitOf(child: ChildProcess, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('process did not exit'));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

export interface HttpBin {
  readonly child: ChildProcess;
  /** `http://host:port/mcp`, from the bin's "listening on" line. */
  readonly url: string;
  stderr(): string;
  /** SIGTERM, then the exit code (null when it had already exited). */
  stop(): Promise<number | null>;
}

/**
 * Starts `bedrock-chat-mcp --http --port 0 …` (through `command`, e.g. a shell that lowers
 * `ulimit -n`, when given) and resolves once it prints its URL and, when `until` is given, once
 * stderr matches that too.
 */
export function startHttpBin(options: {
  args?: readonly string[];
  env: Record<string, string>;
  wrap?: (argv: string[]) => [string, string[]];
  until?: RegExp;
}): Promise<HttpBin> {
  const argv = [process.execPath, BIN_PATH, '--http', '--port', '0', ...(options.args ?? [])];
  const [command, args] = options.wrap ? options.wrap(argv) : [argv[0] ?? '', argv.slice(1)];
  const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const listening = /listening on (http:\/\/\S+)/.exec(stderr);
      if (!listening?.[1] || (options.until && !options.until.test(stderr))) return;
      resolve({
        child,
        url: listening[1],
        stderr: () => stderr,
        async stop() {
          if (child.exitCode !== null) return child.exitCode;
          child.kill('SIGTERM');
          return exitOf(child);
        },
      });
    });
  });
}
