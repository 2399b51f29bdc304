// The cost of one 20-turn conversation with a long system prompt: with bedrock-chat's default
// prompt caching, with `cache: false` (what a client that sends no cache points pays: llm, aichat,
// a plain SDK loop), and through the AI SDK and LangChain with the caching setup their
// documentation shows (scripts/caching-peer-loops.mjs). Runs against the emulator, whose cache
// accounting follows Bedrock's (write on first sight of a prefix ending at a cache point, read
// within the TTL); prints one JSON object. The figures are token counts × catalogue prices, each
// turn priced with core's `estimateCostUsd`: no timing involved.
import { randomUUID } from 'node:crypto';
import {
  createChatClient,
  createMemoryStore,
  estimateCostUsd,
  resolveModel,
  sendPrompt,
} from '@bedrock-chat/core';
import { MODEL_ID, REGION } from '../lib/bench-config.mjs';
import { aiSdkConversation, langchainConversation } from './caching-peer-loops.mjs';

const TURNS = 20;
/** Characters of the system prompt: 6,000 tokens at 4 characters a token (the emulator's tokeniser). */
const SYSTEM_CHARS = 24_000;
const QUESTIONS = Array.from(
  { length: TURNS },
  (_, index) => `Question ${index + 1}: what does section ${index + 1} say about expenses?`,
);

/** A handbook-like system prompt, unique to each run so no earlier run's cache entry is read. */
function systemPrompt() {
  const rule = 'Answer questions about the handbook; quote the section you rely on. ';
  return `Run ${randomUUID()}. ${rule.repeat(Math.ceil(SYSTEM_CHARS / rule.length))}`.slice(0, SYSTEM_CHARS);
}

/** Each turn's Bedrock usage through core's `sendPrompt` and a stored conversation. */
async function ourConversation(client, cache) {
  const store = createMemoryStore();
  const system = systemPrompt();
  let conversationId;
  const turns = [];
  for (const prompt of QUESTIONS) {
    const outcome = await sendPrompt({
      runner: client,
      store,
      conversationId,
      system,
      model: MODEL_ID,
      prompt,
      ...(cache ? {} : { cache: false }),
    });
    conversationId = outcome.conversation?.id;
    turns.push(outcome.result.usage);
  }
  return turns;
}

const model = resolveModel(MODEL_ID, REGION);
if (!model.info?.pricePerMillion) throw new Error(`${MODEL_ID} has no price in the catalogue`);

/** Token sums and costs of a conversation's turns; input cost is the cost without the output. */
function priced(turns) {
  const totals = { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 };
  let costUsd = 0;
  let inputCostUsd = 0;
  for (const usage of turns) {
    const turn = {
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      totalTokens: 0,
      cacheReadInputTokens: usage.cacheReadInputTokens ?? 0,
      cacheWriteInputTokens: usage.cacheWriteInputTokens ?? 0,
    };
    for (const key of Object.keys(totals)) totals[key] += turn[key];
    costUsd += estimateCostUsd(turn, model.info, model.prefix);
    inputCostUsd += estimateCostUsd({ ...turn, outputTokens: 0 }, model.info, model.prefix);
  }
  return { ...totals, costUsd, inputCostUsd };
}

const client = createChatClient({ region: REGION });
try {
  const cached = priced(await ourConversation(client, true));
  const uncached = priced(await ourConversation(client, false));
  const peer = async (setup, run) => {
    const figures = priced(
      await run({ modelId: MODEL_ID, region: REGION, system: systemPrompt(), questions: QUESTIONS }),
    );
    return {
      setup,
      ...figures,
      inputCostRatio: figures.inputCostUsd / uncached.inputCostUsd,
      /** Ours as a ratio of theirs: below 1, bedrock-chat's default caching costs less. */
      oursToTheirs: cached.inputCostUsd / figures.inputCostUsd,
    };
  };
  const peers = {
    'ai-sdk': await peer(
      '@ai-sdk/amazon-bedrock generateText, cache point on the system message (providerOptions.bedrock.cachePoint), as its docs show',
      aiSdkConversation,
    ),
    langchain: await peer(
      "@langchain/aws ChatBedrockConverse.invoke with cache_control: { type: 'ephemeral' } (cache points after the system prompt and the last message)",
      langchainConversation,
    ),
  };
  process.stdout.write(
    `${JSON.stringify({
      model: model.info.name,
      modelId: MODEL_ID,
      turns: TURNS,
      systemPromptTokens: SYSTEM_CHARS / 4,
      cached,
      uncached,
      inputCostRatio: cached.inputCostUsd / uncached.inputCostUsd,
      totalCostRatio: cached.costUsd / uncached.costUsd,
      peers,
    })}\n`,
  );
} finally {
  client.close();
}
