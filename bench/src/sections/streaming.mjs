// Section 2: time to the first text delta and throughput of streamed replies.
import { generateFillerText } from '@bedrock-chat/bedrock-emulator';
import { PROMPT } from '../lib/bench-config.mjs';
import { closeWorkers, runCheckedBatch, startLibraryWorkers } from '../lib/library-workers.mjs';
import { median, rotated, summarize } from '../lib/stats.mjs';

export const id = 'streaming';
export const title = 'Streaming';

export const SCENARIOS = [
  { id: 'long', label: '16,000-token reply, no chunk delay', tokens: 16_000, ttftMs: 0, maxTokens: 16_384 },
  {
    id: 'short',
    label: '500-token reply, 20 ms time to first token',
    tokens: 500,
    ttftMs: 20,
    maxTokens: 1024,
  },
];

const REPS_PER_ROUND = 2;

export async function run(context) {
  const { emulator, plan, log } = context;
  emulator.reset();
  const workers = await startLibraryWorkers(context);
  try {
    const scenarios = [];
    for (const scenario of SCENARIOS) {
      const expectChars = generateFillerText(scenario.tokens).length;
      emulator.setDefaults({ ttftMs: scenario.ttftMs, chunkDelayMs: 0 });
      const batch = (entry, count) => {
        emulator.enqueue(...Array.from({ length: count }, () => ({ generate: { tokens: scenario.tokens } })));
        const params = { count, prompt: PROMPT, maxTokens: scenario.maxTokens, expectChars };
        return runCheckedBatch(context, entry.worker, 'stream', params, count);
      };
      for (const entry of workers) await batch(entry, 3);

      const calls = new Map(workers.map(({ name }) => [name, []]));
      const cpuUs = new Map(workers.map(({ name }) => [name, 0]));
      const reps = scenario.id === 'long' ? plan.streamLongReps : plan.streamShortReps;
      const rounds = Math.ceil(reps / REPS_PER_ROUND);
      for (let round = 0; round < rounds; round++) {
        for (const entry of rotated(workers, round)) {
          const { result } = await batch(entry, REPS_PER_ROUND);
          calls.get(entry.name).push(...result.calls);
          cpuUs.set(entry.name, cpuUs.get(entry.name) + result.cpuUs);
        }
      }
      log(`  ${scenario.label}: ${rounds * REPS_PER_ROUND} calls per library, interleaved`);
      scenarios.push({
        id: scenario.id,
        label: scenario.label,
        tokens: scenario.tokens,
        emulatorTtftMs: scenario.ttftMs,
        maxTokens: scenario.maxTokens,
        calls: rounds * REPS_PER_ROUND,
        libraries: workers.map((entry) => {
          const list = calls.get(entry.name);
          const tokensPerSec = list.map((call) => (scenario.tokens / call.totalMs) * 1000);
          return {
            name: entry.name,
            label: entry.info.label,
            ttftMs: summarize(list.map((call) => call.ttftMs)),
            totalMs: summarize(list.map((call) => call.totalMs)),
            tokensPerSec: { median: median(tokensPerSec), ...spread(tokensPerSec) },
            cpuMsPerCall: cpuUs.get(entry.name) / 1000 / list.length,
          };
        }),
      });
    }
    return { status: 'ok', scenarios };
  } finally {
    await closeWorkers(workers);
  }
}

function spread(values) {
  const { p25, p75 } = summarize(values);
  return { p25, p75 };
}
