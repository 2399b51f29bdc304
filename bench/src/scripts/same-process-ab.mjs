// The strict library comparison in one process: bedrock-chat and the raw SDK with HTTP/2 session
// reuse take turns, a block of calls each (order alternating every round), so they share the
// SDK's JIT state, the heap and the machine's noise. Separate processes (the library table) add
// process-to-process variance of the same size as the difference. Prints JSON.
// Usage: node same-process-ab.mjs <rounds> <callsPerRound> <warmupCalls>
import * as ours from '../adapters/ours.mjs';
import * as tuned from '../adapters/raw-sdk-reuse.mjs';
import { COMPLETE_MAX_TOKENS, MODEL_ID, PROMPT, REGION } from '../lib/bench-config.mjs';
import { median } from '../lib/stats.mjs';

const [rounds, perRound, warmup] = process.argv.slice(2, 5).map(Number);
const expectText = `Echo: ${PROMPT}`;
const adapterOptions = { modelId: MODEL_ID, region: REGION };
const libraries = [ours, tuned].map((library) => ({
  label: library.label,
  adapter: library.createAdapter(adapterOptions),
  latencies: [],
  roundMedians: [],
  cpuUs: 0,
}));

async function block(library, count, record) {
  const latencies = [];
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    const text = await library.adapter.complete(PROMPT, COMPLETE_MAX_TOKENS);
    latencies.push(performance.now() - started);
    if (text !== expectText) throw new Error(`${library.label}: unexpected reply ${text}`);
  }
  const { user, system } = process.cpuUsage(cpuBefore);
  if (!record) return;
  library.latencies.push(...latencies);
  library.roundMedians.push(median(latencies));
  library.cpuUs += user + system;
}

for (const library of libraries) await block(library, warmup, false);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? libraries : [...libraries].reverse();
  for (const library of order) await block(library, perRound, true);
}
for (const library of libraries) library.adapter.close();
process.stdout.write(
  `${JSON.stringify({
    rounds,
    callsPerRound: perRound,
    warmupCalls: warmup,
    libraries: libraries.map(({ label, latencies, roundMedians, cpuUs }) => ({
      label,
      medianMs: median(latencies),
      roundMediansMs: roundMedians,
      cpuUsPerCall: cpuUs / latencies.length,
    })),
  })}\n`,
);
