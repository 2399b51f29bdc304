// The same 20-turn conversation through the AI SDK and LangChain, each with the prompt caching
// its documentation shows, keeping the history in memory as their users' chat loops do. Each
// returns every turn's Bedrock token counts (uncached input, cache reads and writes, output) as
// the library reports them from Bedrock's `usage`.
import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { ChatBedrockConverse } from '@langchain/aws';
import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { generateText } from 'ai';

/**
 * `@ai-sdk/amazon-bedrock` 4.0.186 with `generateText` (ai 6.0.326). Its documented setup
 * (docs/08-amazon-bedrock.mdx, "Cache Points", shipped in the package): a cache point on the
 * system message, `providerOptions: { bedrock: { cachePoint: { type: 'default' } } }`. The docs
 * show no cache point on the history; a user following them caches the system prompt only.
 */
export async function aiSdkConversation({ modelId, system, questions }) {
  const model = createAmazonBedrock()(modelId);
  /** @type {import('ai').ModelMessage[]} */
  const messages = [
    { role: 'system', content: system, providerOptions: { bedrock: { cachePoint: { type: 'default' } } } },
  ];
  const turns = [];
  for (const question of questions) {
    messages.push({ role: 'user', content: question });
    const result = await generateText({ model, messages });
    const details = result.usage.inputTokenDetails;
    turns.push({
      inputTokens: details.noCacheTokens ?? 0,
      cacheReadInputTokens: details.cacheReadTokens ?? 0,
      cacheWriteInputTokens: details.cacheWriteTokens ?? 0,
      outputTokens: result.usage.outputTokens ?? 0,
    });
    messages.push({ role: 'assistant', content: result.text });
  }
  return turns;
}

/**
 * `@langchain/aws` 1.4.5 `ChatBedrockConverse.invoke`. Its documented setup: the call option
 * `cache_control: { type: 'ephemeral' }` (ChatBedrockConverseCallOptions in the package's
 * dist/chat_models.d.ts: "cache points are applied … (system, last message, and tools where
 * applicable), matching Python ChatBedrockConverse behavior", as LangChain's Bedrock prompt
 * caching middleware does: reference.langchain.com/python/langchain-aws/middleware/prompt_caching).
 */
export async function langchainConversation({ modelId, region, system, questions }) {
  const model = new ChatBedrockConverse({ model: modelId, region });
  /** @type {import('@langchain/core/messages').BaseMessage[]} */
  const messages = [new SystemMessage(system)];
  const turns = [];
  try {
    for (const question of questions) {
      messages.push(new HumanMessage(question));
      const reply = await model.invoke(messages, { cache_control: { type: 'ephemeral' } });
      // Typed unknown through this JS file's inference; it is LangChain's UsageMetadata.
      const usage = /** @type {import('@langchain/core/messages').UsageMetadata | undefined} */ (
        reply.usage_metadata
      );
      const read = usage?.input_token_details?.cache_read ?? 0;
      const written = usage?.input_token_details?.cache_creation ?? 0;
      turns.push({
        inputTokens: (usage?.input_tokens ?? 0) - read - written,
        cacheReadInputTokens: read,
        cacheWriteInputTokens: written,
        outputTokens: usage?.output_tokens ?? 0,
      });
      messages.push(new AIMessage(typeof reply.content === 'string' ? reply.content : reply.text));
    }
  } finally {
    model.client.destroy();
  }
  return turns;
}
