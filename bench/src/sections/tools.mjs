// Section 8 (issue 13): a 3-step tool loop — each library's own loop against the same emulator,
// zero model latency, so what remains is each library's overhead per model call of the loop.
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

const FLOOR = 'raw-sdk-reuse';

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
    };
  } finally {
    await closeWorkers(workers);
  }
}
