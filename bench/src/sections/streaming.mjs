// Section 2: time to the first delta (text, or reasoning when thinking) and throughput of streamed replies.
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
  {
    // Thinking on (Haiku 4.5 takes a budget: half of maxTokens, as bedrock-chat's `thinking: true`
    // sends it): 4,000 tokens of reasoning deltas, then 12,000 of text. Only bedrock-chat and the
    // raw SDK: the goal compares the two, and the peers' thinking options differ.
    id: 'thinking',
    label: 'thinking on: 4,000 reasoning + 12,000 text tokens, no chunk delay',
    tokens: 16_000,
    reasoningTokens: 4_000,
    ttftMs: 0,
    maxTokens: 16_384,
    thinking: { type: 'enabled', budget_tokens: 8_192 },
    libraries: ['ours', 'raw-sdk'],
  },
];

const REPS_PER_ROUND = 2;

/**
 * With thinking the two sides must send the very same `thinking` field (bedrock-chat's
 * `thinking: true` turned into Haiku 4.5's budget form), or the comparison is of two requests.
 */
function assertSameThinking(library, requestBody, thinking) {
  const sent = JSON.stringify(requestBody?.additionalModelRequestFields?.thinking);
  const expected = JSON.stringify(thinking);
  if (sent !== expected) throw new Error(`${library} sent thinking ${sent ?? 'nothing'}, not ${expected}`);
}

export async function run(context) {
  const { emulator, plan, log } = context;
  emulator.reset();
  const workers = await startLibraryWorkers(context);
  try {
    const scenarios = [];
    for (const scenario of SCENARIOS) {
      const reasoningTokens = scenario.reasoningTokens ?? 0;
      const reasoning = reasoningTokens > 0 ? generateFillerText(reasoningTokens) : undefined;
      const expectChars = generateFillerText(scenario.tokens - reasoningTokens).length;
      const scenarioWorkers = workers.filter(
        ({ name }) => scenario.libraries === undefined || scenario.libraries.includes(name),
      );
      emulator.setDefaults({ ttftMs: scenario.ttftMs, chunkDelayMs: 0 });
      const reply = {
        generate: { tokens: scenario.tokens - reasoningTokens },
        ...(reasoning ? { reasoning: { text: reasoning } } : {}),
      };
      const batch = (entry, count) => {
        emulator.enqueue(...Array.from({ length: count }, () => reply));
        const params = {
          count,
          prompt: PROMPT,
          maxTokens: scenario.maxTokens,
          expectChars,
          expectReasoningChars: reasoning?.length ?? 0,
          thinking: scenario.thinking,
        };
        return runCheckedBatch(context, entry.worker, 'stream', params, count);
      };
      for (const entry of scenarioWorkers) {
        const { requestBody } = await batch(entry, 3);
        if (scenario.thinking) assertSameThinking(entry.name, requestBody, scenario.thinking);
      }

      const calls = new Map(scenarioWorkers.map(({ name }) => [name, []]));
      const cpuUs = new Map(scenarioWorkers.map(({ name }) => [name, 0]));
      const reps = scenario.id === 'short' ? plan.streamShortReps : plan.streamLongReps;
      const rounds = Math.ceil(reps / REPS_PER_ROUND);
      for (let round = 0; round < rounds; round++) {
        for (const entry of rotated(scenarioWorkers, round)) {
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
        libraries: scenarioWorkers.map((entry) => {
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
