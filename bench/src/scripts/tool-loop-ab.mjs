// The tool loop in one process: every library's own 3-step loop takes turns with the others, a
// block of loops each (order rotated every round), so they share the machine's noise, and each
// block's CPU time (user + system of this process) is read around it. The emulator must run in
// another process (its CPU is not counted): the tools section starts this script with the
// environment pointing at its emulator. Prints JSON: per library the CPU and wall time per loop,
// per round and overall, and the CPU over the floor per model call.
// Usage: node tool-loop-ab.mjs <rounds> <loopsPerRound> <warmupLoops> [adapter…]
// An adapter is a file name under ../adapters (default: ours raw-sdk-reuse ai-sdk langchain; the
// second is the floor) or a path to a module with the same exports (`createAdapter`, `label`).
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  COMPLETE_MAX_TOKENS,
  MODEL_ID,
  REGION,
  TOOL_LOOP_EXPECT,
  TOOL_LOOP_MODEL_CALLS,
  TOOL_PROMPT,
} from '../lib/bench-config.mjs';
import { median, rotated } from '../lib/stats.mjs';

const [rounds, perRound, warmup] = process.argv.slice(2, 5).map(Number);
const names = process.argv.slice(5);
if (names.length === 0) names.push('ours', 'raw-sdk-reuse', 'ai-sdk', 'langchain');
const FLOOR = names[1];

const moduleUrl = (name) =>
  isAbsolute(name) ? pathToFileURL(name).href : new URL(`../adapters/${name}.mjs`, import.meta.url).href;

const adapterOptions = { modelId: MODEL_ID, region: REGION };
const libraries = [];
for (const name of names) {
  const library = await import(moduleUrl(name));
  libraries.push({
    name,
    label: library.label,
    adapter: library.createAdapter(adapterOptions),
    roundCpuUs: [],
    roundWallMs: [],
  });
}

async function block(library, count, record) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const text = await library.adapter.toolLoop(TOOL_PROMPT, COMPLETE_MAX_TOKENS);
    if (!text.includes(TOOL_LOOP_EXPECT))
      throw new Error(`${library.label} answered ${JSON.stringify(text)}`);
  }
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpuBefore);
  if (!record) return;
  library.roundCpuUs.push((user + system) / count);
  library.roundWallMs.push(wallMs / count);
}

// Warm-up twice over, in turns too: the first libraries' JIT and GC state should not favour the last.
for (let pass = 0; pass < 2; pass++) for (const library of libraries) await block(library, warmup, false);
for (let round = 0; round < rounds; round++) {
  for (const library of rotated(libraries, round)) await block(library, perRound, true);
}
for (const library of libraries) await library.adapter.close();

const floor = libraries.find((library) => library.name === FLOOR);
process.stdout.write(
  `${JSON.stringify({
    rounds,
    loopsPerRound: perRound,
    warmupLoops: warmup,
    floor: FLOOR,
    modelCallsPerLoop: TOOL_LOOP_MODEL_CALLS,
    libraries: libraries.map(({ name, label, roundCpuUs, roundWallMs }) => ({
      name,
      label,
      cpuUsPerLoop: median(roundCpuUs),
      wallMsPerLoop: median(roundWallMs),
      roundCpuUsPerLoop: roundCpuUs,
      roundWallMsPerLoop: roundWallMs,
      // Paired by round: this library's CPU per loop minus the floor's in the same round, per call.
      roundCpuOverheadUsPerStep: roundCpuUs.map(
        (value, index) => (value - floor.roundCpuUs[index]) / TOOL_LOOP_MODEL_CALLS,
      ),
    })),
  })}\n`,
);
