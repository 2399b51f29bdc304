// Section 8 (issue 13): a 3-step tool loop — each library's own loop against the same emulator,
// zero model latency, so what remains is each library's overhead per model call of the loop.
import { fileURLToPath } from 'node:url';
import {
  COMPLETE_MAX_TOKENS,
  TOOL_LOOP_EXPECT,
  TOOL_LOOP_MODEL_CALLS,
  TOOL_PROMPT,
} from '../lib/bench-config.mjs';
import {
  closeWorkers,
  LIBRARIES_WITH_TUNED_FLOOR,
  runCheckedBatch,
  startLibraryWorkers,
} from '../lib/library-workers.mjs';
import { median, rotated, summarize } from '../lib/stats.mjs';
import { timedRun } from '../lib/timed-process.mjs';

const FLOOR = 'raw-sdk-reuse';
const TOOL_LOOP_AB = fileURLToPath(new URL('../scripts/tool-loop-ab.mjs', import.meta.url));
const SAME_PROCESS_LIBRARIES = ['ours', FLOOR, 'ai-sdk', 'langchain'];

/**
 * The goal's measure: the four loops taking turns in one process (bench/src/scripts/tool-loop-ab.mjs),
 * CPU time per loop read around each block, paired with the floor's in the same round. The
 * separate-process wall times above depend on each library's transport (the AI SDK's fetch over
 * HTTP/1.1 against the others' HTTP/2) and on the emulator's work for it, and on this shared
 * machine they moved by as much as the libraries differ from run to run.
 */
async function sameProcess(context) {
  const { emulator } = context;
  const [rounds, perRound, warmup] = context.quick ? [20, 5, 20] : [80, 10, 50];
  emulator.clearRequests();
  const { stdout } = await timedRun(
    process.execPath,
    [TOOL_LOOP_AB, String(rounds), String(perRound), String(warmup), ...SAME_PROCESS_LIBRARIES],
    { env: context.env, timeoutMs: 600_000 },
  );
  // Checked as the batches are: every loop made exactly its model calls, none failed.
  const expected = (2 * warmup + rounds * perRound) * SAME_PROCESS_LIBRARIES.length * TOOL_LOOP_MODEL_CALLS;
  const requests = emulator.requests;
  const failed = requests.filter((request) => request.status !== 200).length;
  emulator.clearRequests();
  if (requests.length !== expected || failed > 0) {
    throw new Error(
      `same-process loops: expected ${expected} successful requests, saw ${requests.length} (${failed} failed)`,
    );
  }
  const result = JSON.parse(stdout);
  return {
    ...result,
    libraries: result.libraries.map((entry) => ({
      ...entry,
      cpuOverheadUsPerStep: median(entry.roundCpuOverheadUsPerStep),
    })),
  };
}

export const id = 'tools';
export const title = 'A 3-step tool loop';

export async function run(context) {
  const { emulator, plan, log } = context;
  emulator.reset();
  emulator.setDefaults({ ttftMs: 0, chunkDelayMs: 0 });
  const params = { prompt: TOOL_PROMPT, maxTokens: COMPLETE_MAX_TOKENS, expectIncludes: TOOL_LOOP_EXPECT };
  // Every loop must make exactly its model calls: no retries, no extra or missing step.
  const batch = (entry, count) =>
    runCheckedBatch(context, entry.worker, 'toolLoop', { ...params, count }, count * TOOL_LOOP_MODEL_CALLS);
  const workers = await startLibraryWorkers(context, LIBRARIES_WITH_TUNED_FLOOR);
  try {
    log(`  warm-up: ${plan.toolLoopWarmup} loops per library`);
    for (const entry of workers) {
      const warm = await batch(entry, plan.toolLoopWarmup);
      entry.requestBody = warm.requestBody;
    }
    const perRound = Math.ceil(plan.toolLoops / plan.toolLoopRounds);
    const data = new Map(workers.map(({ name }) => [name, { loops: [], cpuUs: 0, roundMedians: [] }]));
    for (let round = 0; round < plan.toolLoopRounds; round++) {
      for (const entry of rotated(workers, round)) {
        const { result } = await batch(entry, perRound);
        const target = data.get(entry.name);
        target.loops.push(...result.latencies);
        target.roundMedians.push(median(result.latencies));
        target.cpuUs += result.cpuUs;
      }
    }
    log(
      `  measured: ${perRound * plan.toolLoopRounds} loops per library in ${plan.toolLoopRounds} interleaved rounds`,
    );
    // The floor is the raw SDK with HTTP/2 session reuse, as bedrock-chat's client is configured
    // (the plain raw SDK opens a connection per Converse call; see section 1).
    const raw = data.get(FLOOR);
    const rawMedian = median(raw.loops);
    const libraries = workers.map((entry) => {
      const target = data.get(entry.name);
      const loopMs = summarize(target.loops);
      return {
        name: entry.name,
        label: entry.info.label,
        loopMs,
        perStepMs: loopMs.median / TOOL_LOOP_MODEL_CALLS,
        // Over the raw SDK's hand-written loop, per model call, from the per-round medians.
        overheadPerStepMs: (loopMs.median - rawMedian) / TOOL_LOOP_MODEL_CALLS,
        roundOverheadsPerStepMs: target.roundMedians.map(
          (value, index) => (value - (raw.roundMedians[index] ?? rawMedian)) / TOOL_LOOP_MODEL_CALLS,
        ),
        cpuUsPerLoop: target.cpuUs / target.loops.length,
      };
    });
    log('  same process: the four loops taking turns, CPU time per block');
    const sameProcessResult = await sameProcess(context);
    return {
      status: 'ok',
      setup: {
        floor: FLOOR,
        prompt: TOOL_PROMPT,
        modelCallsPerLoop: TOOL_LOOP_MODEL_CALLS,
        warmupLoops: plan.toolLoopWarmup,
        loops: perRound * plan.toolLoopRounds,
        rounds: plan.toolLoopRounds,
        reply:
          "the emulator's tool convention: two lookup calls, one step after the other, then an answer quoting the last result; ttft 0 ms",
      },
      libraries,
      sameProcess: sameProcessResult,
    };
  } finally {
    await closeWorkers(workers);
  }
}
