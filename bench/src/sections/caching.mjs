// Section 6: what prompt caching saves on a stored conversation (token counts × prices, from the
// emulator's cache accounting; see scripts/caching-cost.mjs).
import { join } from 'node:path';
import { BENCH_DIR } from '../lib/bench-config.mjs';
import { timedRun } from '../lib/timed-process.mjs';

export const id = 'caching';
export const title = 'Prompt caching: cost of a 20-turn conversation';

export async function run(context) {
  const script = join(BENCH_DIR, 'src', 'scripts', 'caching-cost.mjs');
  const { stdout } = await timedRun(process.execPath, [script], { env: context.env, cwd: BENCH_DIR });
  return { status: 'ok', ...JSON.parse(stdout) };
}
