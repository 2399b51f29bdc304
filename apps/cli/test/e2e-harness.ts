import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Emulator, type EmulatorOptions, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { afterAll, beforeAll } from 'vitest';

/**
 * The built binary, run as users run it, against the local emulator. Build first (turbo does).
 * Shared by the end-to-end test files; importing it registers the build check and the cleanup.
 */
export const CLI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(CLI_DIR, 'bin', 'bedrock-chat.js');
export const REJECTED_KEY = 'rejected-api-key';
const RUN_TIMEOUT_MS = 20_000;

const children = new Set<ChildProcess>();

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  emulator: Emulator;
  stdin?: string | Buffer;
  /** Leave stdin open after writing `stdin`: the test ends it (`child.stdin.end()`) when it chooses. */
  holdStdin?: boolean;
  env?: Record<string, string | undefined>;
  home: string;
  /** Called with the child once its stdout has printed something. */
  onOutput?: (child: ChildProcess) => void;
  /** Called with the child once its stderr has printed something. */
  onStderr?: (child: ChildProcess) => void;
  /** Called with the child once its stderr matches `pattern` (e.g. a tool call shown). */
  untilStderr?: { pattern: RegExp; act: (child: ChildProcess) => void };
  /** Kill it and fail after this long (default RUN_TIMEOUT_MS): many processes at once start slowly. */
  timeoutMs?: number;
  /** Called with the child as soon as it is spawned (to kill it at a chosen moment). */
  onSpawn?: (child: ChildProcess) => void;
  /** Another copy of the CLI's bin script. */
  bin?: string;
  /**
   * Run as the unprivileged `nobody`: these machines run as root, which ignores file modes, so
   * permission cases are only real this way. The data directory must be reachable by nobody.
   */
  asNobody?: boolean;
  /**
   * Run in a pseudo-terminal (a real TTY, as a user's chat) following these steps (see
   * fixtures/pty-run.py); stdout is then everything the terminal showed, stderr included.
   */
  pty?: readonly PtyStep[];
  /** A file descriptor the child writes its stdout to instead of a pipe (e.g. /dev/full). */
  stdout?: number;
}

export type PtyStep = { expect: string } | { send: string } | { signal: NodeJS.Signals } | { file: string };

const PTY_RUN = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pty-run.py');

function baseEnv(home: string, emulator: Emulator): Record<string, string | undefined> {
  // Nothing from the developer's environment: no real credentials, region or endpoints leak in.
  return {
    PATH: process.env.PATH,
    HOME: home,
    BEDROCK_CHAT_HOME: home,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
    AWS_ENDPOINT_URL_BEDROCK: emulator.url,
    AWS_BEARER_TOKEN_BEDROCK: 'test',
    AWS_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
  };
}

export function run(args: string[], options: RunOptions): Promise<RunResult> {
  const env = { ...baseEnv(options.home, options.emulator), ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const command = [process.execPath, options.bin ?? BIN, ...args];
  if (options.pty) command.unshift('python3', PTY_RUN, JSON.stringify(options.pty));
  if (options.asNobody) command.unshift('setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups');
  const [program = process.execPath, ...programArgs] = command;
  const child = spawn(program, programArgs, {
    env,
    cwd: options.home,
    stdio: ['pipe', options.stdout ?? 'pipe', 'pipe'],
  });
  children.add(child);
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  let notified = false;
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (!notified && options.onOutput) {
      notified = true;
      options.onOutput(child);
    }
  });
  let notifiedStderr = false;
  let matchedStderr = false;
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (!notifiedStderr && options.onStderr) {
      notifiedStderr = true;
      options.onStderr(child);
    }
    const until = options.untilStderr;
    if (until && !matchedStderr && until.pattern.test(stderr)) {
      matchedStderr = true;
      until.act(child);
    }
  });
  // A CLI that fails before reading its stdin (a bad flag) closes it first: EPIPE is no failure.
  child.stdin?.on('error', () => {});
  if (options.holdStdin) child.stdin?.write(options.stdin ?? '');
  else child.stdin?.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bedrock-chat ${args.join(' ')} did not finish:\n${stderr}`));
    }, options.timeoutMs ?? RUN_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export const runtimeRequests = (emulator: Emulator) =>
  emulator.requests.filter(
    (request) => request.operation === 'Converse' || request.operation === 'ConverseStream',
  );

export function lastMessages(emulator: Emulator): unknown[] {
  const body = runtimeRequests(emulator).at(-1)?.body as { messages?: unknown[] } | undefined;
  return body?.messages ?? [];
}

/**
 * Each test gets its own emulator and data directory, so the tests can run concurrently: their
 * time goes into starting Node processes, not into the emulator.
 */
export async function setup(
  onTestFinished: (cleanup: () => Promise<void>) => void,
  emulatorOptions: EmulatorOptions = {},
) {
  const emulator = await startEmulator({ auth: { rejectedApiKeys: [REJECTED_KEY] }, ...emulatorOptions });
  onTestFinished(() => emulator.close());
  const home = mkdtempSync(join(tmpdir(), 'bedrock-chat-e2e-'));
  return {
    emulator,
    home,
    run: (
      args: string[],
      options: Pick<
        RunOptions,
        | 'stdin'
        | 'env'
        | 'onOutput'
        | 'onStderr'
        | 'untilStderr'
        | 'onSpawn'
        | 'timeoutMs'
        | 'bin'
        | 'asNobody'
        | 'pty'
        | 'holdStdin'
      > = {},
    ) => run(args, { emulator, home, ...options }),
  };
}

beforeAll(() => {
  if (!existsSync(join(dirname(BIN), '..', 'dist', 'bin.cjs'))) {
    throw new Error('Build the CLI first: pnpm --filter @bedrock-chat/cli build');
  }
});

afterAll(() => {
  // A test that failed half-way must not leave a CLI process behind.
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

export async function latestId(run: (args: string[]) => Promise<RunResult>): Promise<string | undefined> {
  return JSON.parse((await run(['conversations', 'list', '--json'])).stdout)[0]?.id;
}

/**
 * A copy of the built CLI (dist, bin, package.json) in a temporary directory, as a package manager
 * installs it but without its dependencies: tests add the node_modules they need. Removed after.
 */
export function installedCopy(
  name: string,
  onTestFinished: (cleanup: () => Promise<void>) => void,
): { dir: string; bin: string } {
  const dir = mkdtempSync(join(tmpdir(), `bedrock-chat-${name}-`));
  onTestFinished(async () => rmSync(dir, { recursive: true, force: true }));
  for (const part of ['dist', 'bin', 'package.json']) {
    cpSync(join(CLI_DIR, part), join(dir, part), { recursive: true });
  }
  return { dir, bin: join(dir, 'bin', 'bedrock-chat.js') };
}
