// Runs the benchmark suite against one bundled emulator (in this process) and writes
// bench/results/latest.{md,json,svg} (quick mode: bench/results/tmp/quick.*).
import { parseArgs } from 'node:util';
import { startEmulator } from '@bedrock-chat/bedrock-emulator';
import { childEnv } from './lib/bench-config.mjs';
import { runSuite } from './lib/run-suite.mjs';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
    only: { type: 'string' },
    store: { type: 'string', default: 'auto' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write(`Usage: node src/run-all.mjs [--quick] [--only library,streaming,cli,mcp,store,caching,attach,team,tools]
                        [--store auto|run|read|skip] [--out <dir>/<name>]

  --quick   smaller iteration counts (also BENCH_QUICK=1); results go to results/tmp/quick.*
  --only    run these sections; the others are reported as skipped
  --store   auto: run packages/core/bench/store-bench.mjs unless its results are newer than it
  --out     path prefix of the result files (default results/latest, quick: results/tmp/quick)
`);
  process.exit(0);
}

const emulator = await startEmulator();
try {
  await runSuite({
    emulator,
    env: childEnv(emulator.url),
    quick: values.quick,
    only: values.only ? values.only.split(',').map((name) => name.trim()) : undefined,
    storeMode: values.store,
    out: values.out,
  });
} finally {
  await emulator.close();
}
