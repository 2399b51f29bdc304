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
    cacheDetails: [],
  },
  metrics: { latencyMs: 312 },
};

/** A reply that wrote two cache points, one per TTL (`cacheDetails`: 1 h first, as the SDK documents). */
export const cacheWriteResponse: ConverseCommandOutput = {
  $metadata: { httpStatusCode: 200 },
  output: { message: { role: 'assistant', content: [{ text: 'Noted.' }] } },
  stopReason: 'end_turn',
  usage: {
    inputTokens: 10,
    outputTokens: 2,
    totalTokens: 6_012,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 6_000,
    cacheDetails: [
      { ttl: '1h', inputTokens: 5_000 },
      { ttl: '5m', inputTokens: 1_000 },
    ],
  },
  metrics: { latencyMs: 280 },
};

/** The cited passage of {@link citedReplyResponse}, as core keeps it. */
export const citedBlock = {
  citationsContent: {
    content: [{ text: 'receipts are refunded within 30 days' }],
    citations: [
      {
        title: 'handbook',
        sourceContent: [{ text: 'Expenses are refunded within 30 days of a receipt.' }],
        location: { documentChar: { documentIndex: 0, start: 0, end: 51 } },
      },
    ],
  },
};

/**
 * A cited reply in the shape Bedrock sends (after vercel/ai's recorded
 * packages/amazon-bedrock/src/__fixtures__/bedrock-citations-content.json), plus a block member
 * bedrock-chat does not read.
 */
export const citedReplyResponse: ConverseCommandOutput = {
  $metadata: { httpStatusCode: 200 },
  output: {
    message: {
      role: 'assistant',
      content: [
        { text: 'The handbook says ' },
        {
          citationsContent: {
            citations: [
              {
                location: { documentChar: { documentIndex: 0, start: 0, end: 51 } },
                sourceContent: [{ text: 'Expenses are refunded within 30 days of a receipt.' }],
                title: 'handbook',
              },
            ],
            content: [{ text: 'receipts are refunded within 30 days' }],
          },
        },
        { text: '.' },
        { video: { format: 'mp4', source: { bytes: new Uint8Array(1) } } },
      ],
    },
  },
  stopReason: 'end_turn',
  usage: { inputTokens: 60, outputTokens: 14, totalTokens: 74 },
  metrics: { latencyMs: 400 },
};

/**
 * A reply served on the Flex tier at standard latency: `serviceTier` and `performanceConfig` as
 * ConverseResponse carries them (@aws-sdk/client-bedrock-runtime@3.1164.0).
 */
export const flexReplyResponse: ConverseCommandOutput = {
  $metadata: { httpStatusCode: 200 },
  output: { message: { role: 'assistant', content: [{ text: 'Later is fine.' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 1_000_000, outputTokens: 1_000_000, totalTokens: 2_000_000 },
  metrics: { latencyMs: 900 },
  serviceTier: { type: 'flex' },
  performanceConfig: { latency: 'standard' },
};
