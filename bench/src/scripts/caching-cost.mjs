// The cost of one 20-turn conversation with a long system prompt, with bedrock-chat's default
// prompt caching and with `cache: false` (what a client that sends no cache points pays: llm,
// aichat, a plain SDK loop). Runs against the emulator, whose cache accounting follows
// Bedrock's (write on first sight of a prefix ending at a cache point, read within the TTL);
// prints one JSON object. The figures are token counts × catalogue prices: no timing involved.
import { randomUUID } from 'node:crypto';
import { createChatClient, createMemoryStore, resolveModel, sendPrompt } from '@bedrock-chat/core';
import { MODEL_ID, REGION } from '../lib/bench-config.mjs';

const TURNS = 20;
/** Characters of the system prompt: 6,000 tokens at 4 characters a token (the emulator's tokeniser). */
const SYSTEM_CHARS = 24_000;

/** A handbook-like system prompt, unique to this run so no earlier run's cache entry is read. */
function systemPrompt() {
  const rule = 'Answer questions about the handbook; quote the section you rely on. ';
  return `Run ${randomUUID()}. ${rule.repeat(Math.ceil(SYSTEM_CHARS / rule.length))}`.slice(0, SYSTEM_CHARS);
}

async function conversation(client, cache) {
  const store = createMemoryStore();
  const system = systemPrompt();
  let conversationId;
  const totals = { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 };
  let costUsd = 0;
  for (let turn = 1; turn <= TURNS; turn++) {
    const outcome = await sendPrompt({
      runner: client,
      store,
      conversationId,
      system,
      model: MODEL_ID,
      prompt: `Question ${turn}: what does section ${turn} say about expenses?`,
      ...(cache ? {} : { cache: false }),
    });
    conversationId = outcome.conversation?.id;
    const { usage } = outcome.result;
    totals.inputTokens += usage.inputTokens;
    totals.outputTokens += usage.outputTokens;
    totals.cacheReadInputTokens += usage.cacheReadInputTokens ?? 0;
    totals.cacheWriteInputTokens += usage.cacheWriteInputTokens ?? 0;
    costUsd += outcome.result.costUsd ?? Number.NaN;
  }
  return { ...totals, costUsd };
}

const client = createChatClient({ region: REGION });
try {
  const model = resolveModel(MODEL_ID, REGION);
  const prices = model.info?.pricePerMillion;
  if (!prices) throw new Error(`${MODEL_ID} has no price in the catalogue`);
  const cached = await conversation(client, true);
  const uncached = await conversation(client, false);
  const outputCost = (run) => (run.outputTokens * prices.output) / 1_000_000;
  const inputCost = (run) => run.costUsd - outputCost(run);
  process.stdout.write(
    `${JSON.stringify({
      model: model.info?.name,
      modelId: MODEL_ID,
      turns: TURNS,
      systemPromptTokens: SYSTEM_CHARS / 4,
      cached: { ...cached, inputCostUsd: inputCost(cached) },
      uncached: { ...uncached, inputCostUsd: inputCost(uncached) },
      inputCostRatio: inputCost(cached) / inputCost(uncached),
      totalCostRatio: cached.costUsd / uncached.costUsd,
    })}\n`,
  );
} finally {
  client.close();
}
