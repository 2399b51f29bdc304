// Section 5: the conversation store at scale, from packages/core/bench/store-bench.mjs (owned by
// core). Runs it, or reads its last results when they are newer than the script.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_DIR } from '../lib/bench-config.mjs';
import { timedRun } from '../lib/timed-process.mjs';

export const id = 'store';
export const title = 'Conversation store at scale';

const CORE_DIR = join(REPO_DIR, 'packages', 'core');
const SCRIPT = join(CORE_DIR, 'bench', 'store-bench.mjs');
const RESULTS = join(CORE_DIR, 'bench', 'results', 'store.json');
/** Issue 11: 10,000 conversations holding files, against the same goals (store-files-bench.mjs). */
const FILES_SCRIPT = join(CORE_DIR, 'bench', 'store-files-bench.mjs');
const FILES_RESULTS = join(CORE_DIR, 'bench', 'results', 'store-files.json');
const STORE_TIMEOUT_MS = 8 * 60_000;

function readResults() {
  return JSON.parse(readFileSync(RESULTS, 'utf8'));
}

/** Whether the saved results can stand for a fresh run: newer than the script, and not quick unless we are. */
function reusable(quick) {
  if (!existsSync(RESULTS)) return false;
  if (existsSync(SCRIPT) && statSync(RESULTS).mtimeMs < statSync(SCRIPT).mtimeMs) return false;
  try {
    return quick || readResults().quick !== true;
  } catch {
    return false;
  }
}

export async function run(context) {
  const { quick, storeMode, log } = context;
  if (storeMode === 'skip') return { status: 'skipped', reason: '--store skip' };
  const haveScript = existsSync(SCRIPT);
  // Quick mode never fills the store on its own (minutes); it reads the last results if any.
  const shouldRun = storeMode === 'run' || (storeMode === 'auto' && !quick && haveScript && !reusable(quick));
  let source;
  if (shouldRun) {
    if (!haveScript)
      return { status: 'skipped', reason: 'packages/core/bench/store-bench.mjs not written yet' };
    log(`  running packages/core/bench/store-bench.mjs${quick ? ' --quick' : ''} (fills the store; slow)`);
    const args = [SCRIPT, ...(quick ? ['--quick'] : [])];
    const env = { ...context.env, ...(quick ? { BENCH_QUICK: '1' } : {}) };
    const started = Date.now();
    await timedRun(process.execPath, args, { env, cwd: CORE_DIR, timeoutMs: STORE_TIMEOUT_MS });
    if (!existsSync(RESULTS) || statSync(RESULTS).mtimeMs < started) {
      return {
        status: 'error',
        reason: 'store-bench.mjs ran but did not write packages/core/bench/results/store.json',
      };
    }
    source = 'ran packages/core/bench/store-bench.mjs in this run';
    if (existsSync(FILES_SCRIPT)) {
      log('  running packages/core/bench/store-files-bench.mjs (fills a store holding files; slow)');
      const filesArgs = [FILES_SCRIPT, ...(quick ? ['--quick'] : [])];
      await timedRun(process.execPath, filesArgs, { env, cwd: CORE_DIR, timeoutMs: STORE_TIMEOUT_MS });
    }
  } else {
    if (!existsSync(RESULTS)) {
      return {
        status: 'skipped',
        reason: !haveScript
          ? 'packages/core/bench/store-bench.mjs not written yet and no results to read'
          : quick
            ? 'no store results yet and quick mode does not fill the store (run without --quick, or --store run)'
            : 'no store results (--store read)',
      };
    }
    source = `read packages/core/bench/results/store.json written ${statSync(RESULTS).mtime.toISOString()}`;
  }
  const results = readResults();
  return { status: 'ok', source, quick: results.quick === true, results, files: filesResults() };
}

/** The store-with-files figures, when store-files-bench.mjs has written them (run with the store's). */
function filesResults() {
  if (!existsSync(FILES_RESULTS)) return undefined;
  const results = JSON.parse(readFileSync(FILES_RESULTS, 'utf8'));
  const written = statSync(FILES_RESULTS).mtime.toISOString();
  return {
    source: `packages/core/bench/results/store-files.json written ${written}`,
    quick: results.quick === true,
    results,
  };
}
