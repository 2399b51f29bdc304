// Section 1: per-call overhead of a full-result call with zero model latency (echo replies).
import { fileURLToPath } from 'node:url';
import { COMPLETE_MAX_TOKENS, PROMPT } from '../lib/bench-config.mjs';
import {
  closeWorkers,
  LIBRARIES_WITH_TUNED_FLOOR,
  runCheckedBatch,
  startLibraryWorkers,
} from '../lib/library-workers.mjs';
import { median, rotated, summarize } from '../lib/stats.mjs';
import { timedRun } from '../lib/timed-process.mjs';

const CORE_OVERHEAD = fileURLToPath(new URL('../scripts/core-overhead.mjs', import.meta.url));
const SAME_PROCESS_AB = fileURLToPath(new URL('../scripts/same-process-ab.mjs', import.meta.url));

/** bedrock-chat against the raw SDK with session reuse, taking turns in one process. */
async function sameProcess(context) {
  const args = context.quick ? ['10', '50', '100'] : ['40', '100', '300'];
  const { stdout } = await timedRun(process.execPath, [SAME_PROCESS_AB, ...args], { env: context.env });
  context.emulator.clearRequests();
  return JSON.parse(stdout);
}

/** bedrock-chat's own CPU per call and per stream event, over a fake sender (no SDK, no network). */
async function coreOnly(context) {
  const { stdout } = await timedRun(process.execPath, [CORE_OVERHEAD, context.quick ? '2000' : '5000'], {
    env: context.env,
  });
  return JSON.parse(stdout);
}

export const id = 'library';
export const title = 'Library call overhead';

export async function run(context) {
  const { emulator, plan, log } = context;
  emulator.reset();
  emulator.setDefaults({ ttftMs: 0, chunkDelayMs: 0 });
  const expectText = `Echo: ${PROMPT}`;
  const params = { prompt: PROMPT, maxTokens: COMPLETE_MAX_TOKENS, expectText };
  const workers = await startLibraryWorkers(context, LIBRARIES_WITH_TUNED_FLOOR);
  try {
    const data = new Map(
      workers.map(({ name }) => [
        name,
        { sequential: [], roundMedians: [], sequentialWallMs: 0, sequentialCpuUs: 0, concurrent: [] },
      ]),
    );
    const batch = (entry, count, concurrency) =>
      runCheckedBatch(context, entry.worker, 'complete', { ...params, count, concurrency }, count);

    log(`  warm-up: ${plan.warmupCalls} sequential + ${plan.concurrency} concurrent calls per library`);
    for (const entry of workers) {
      const warm = await batch(entry, plan.warmupCalls, 1);
      entry.httpVersion = warm.httpVersion;
      entry.requestBody = warm.requestBody;
      await batch(entry, plan.concurrency, plan.concurrency);
    }

    const perRound = Math.ceil(plan.sequentialCalls / plan.rounds);
    for (let round = 0; round < plan.rounds; round++) {
      for (const entry of rotated(workers, round)) {
        const { result } = await batch(entry, perRound, 1);
        const target = data.get(entry.name);
        target.sequential.push(...result.latencies);
        target.roundMedians.push(median(result.latencies));
        target.sequentialWallMs += result.wallMs;
        target.sequentialCpuUs += result.cpuUs;
      }
    }
    log(`  sequential: ${perRound * plan.rounds} calls per library in ${plan.rounds} interleaved rounds`);

    for (let rep = 0; rep < plan.concurrentReps; rep++) {
      for (const entry of rotated(workers, rep)) {
        const { result } = await batch(entry, plan.concurrentCalls, plan.concurrency);
        data.get(entry.name).concurrent.push(result);
      }
    }
    log(
      `  concurrent: ${plan.concurrentReps} × ${plan.concurrentCalls} calls at concurrency ${plan.concurrency}`,
    );

    const libraries = [];
    for (const entry of workers) {
      const { maxRssKb } = await entry.worker.call('usage');
      const target = data.get(entry.name);
      const callsPerSecReps = target.concurrent.map((rep) => (plan.concurrentCalls / rep.wallMs) * 1000);
      libraries.push({
        name: entry.name,
        label: entry.info.label,
        call: entry.info.call,
        httpVersion: entry.httpVersion,
        requestBody: entry.requestBody,
        importMs: entry.info.importMs,
        rssAfterImportMb: entry.info.rssKb / 1024,
        peakRssMb: maxRssKb / 1024,
        sequential: {
          latencyMs: summarize(target.sequential),
          callsPerSec: (target.sequential.length / target.sequentialWallMs) * 1000,
          cpuUsPerCall: target.sequentialCpuUs / target.sequential.length,
          roundMediansMs: target.roundMedians,
        },
        concurrent: {
          latencyMs: summarize(target.concurrent.flatMap((rep) => rep.latencies)),
          callsPerSec: median(callsPerSecReps),
          cpuUsPerCall: median(target.concurrent.map((rep) => rep.cpuUs / plan.concurrentCalls)),
          callsPerSecReps,
        },
      });
    }
    return {
      status: 'ok',
      coreOnly: await coreOnly(context),
      sameProcess: await sameProcess(context),
      setup: {
        reply: `echo ("${expectText}"), emulator ttft 0 ms`,
        maxTokens: COMPLETE_MAX_TOKENS,
        warmupCalls: plan.warmupCalls,
        sequentialCalls: perRound * plan.rounds,
        rounds: plan.rounds,
        concurrentCalls: plan.concurrentCalls,
        concurrency: plan.concurrency,
        concurrentReps: plan.concurrentReps,
      },
      libraries,
    };
  } finally {
    await closeWorkers(workers);
  }
}
