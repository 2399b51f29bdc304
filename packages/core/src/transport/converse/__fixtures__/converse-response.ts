import type { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';

/** A Converse response as the SDK returns it, cache counts included ($metadata trimmed). */
export const cachedReplyResponse: ConverseCommandOutput = {
  $metadata: { httpStatusCode: 200 },
  output: {
    message: {
      role: 'assistant',
      content: [{ text: '' }, { text: 'Paris is the capital of France.' }],
    },
  },
  stopReason: 'end_turn',
  usage: {
    inputTokens: 12,
    outputTokens: 8,
    totalTokens: 4116,
    cacheReadInputTokens: 4096,
    cacheWriteInputTokens: 0,
  },
  metrics: { latencyMs: 312 },
};
