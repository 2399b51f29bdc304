import { fork } from 'node:child_process';

/**
 * Forks a worker script and talks to it over IPC: `call(op, params)` sends one request and
 * resolves with the worker's result. The worker's stderr is kept (tail) for error messages.
 * @param {string} script
 * @param {{ args?: string[], env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 */
export function startWorker(script, { args = [], env, cwd } = {}) {
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every worker there (see scripts/cpu-profile-summary.mjs).
  const profileDir = process.env.BENCH_CPU_PROF;
  const execArgv = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = fork(script, args, { env, cwd, execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdout.resume();
  const pending = new Map();
  let nextId = 1;
  let onReady;
  let onFail;
  const ready = new Promise((resolve, reject) => {
    onReady = resolve;
    onFail = reject;
  });
  const failAll = (error) => {
    onFail(error);
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  child.on('message', (/** @type {any} */ message) => {
    if (message.type === 'ready') {
      onReady(message);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${script} ${args.join(' ')}: ${message.error}`));
  });
  child.on('exit', (code, signal) => {
    failAll(new Error(`${script} ${args.join(' ')} exited (${signal ?? code}): ${stderr.trim()}`));
  });
  child.on('error', failAll);

  return {
    ready,
    get stderr() {
      return stderr;
    },
    call(op, params = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, op, params });
      });
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ id: 0, op: 'exit', params: {} });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The worker side: announces `ready` with `info`, then answers requests with `handlers[op]`.
 * `exit` runs `onExit` and ends the process.
 * @param {Record<string, (params: any) => unknown>} handlers
 * @param {{ info?: object, onExit?: () => unknown }} [options]
 */
export function serveWorker(handlers, { info = {}, onExit } = {}) {
  process.on('message', async (/** @type {any} */ { id, op, params }) => {
    if (op === 'exit') {
      await onExit?.();
      process.exit(0);
    }
    try {
      const handler = handlers[op];
      if (!handler) throw new Error(`unknown op ${op}`);
      process.send({ id, ok: true, result: await handler(params) });
    } catch (error) {
      process.send({
        id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
  process.send({ type: 'ready', ...info });
}

/**
 * Runs `count` calls of `fn(index)` with at most `concurrency` in flight; returns each call's
 * latency (ms, in index order) and the wall time of the whole batch.
 */
export async function runPool(count, concurrency, fn) {
  const latencies = new Array(count);
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count) {
      const index = next++;
      const callStarted = performance.now();
      await fn(index);
      latencies[index] = performance.now() - callStarted;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { latencies, wallMs: performance.now() - started };
}
