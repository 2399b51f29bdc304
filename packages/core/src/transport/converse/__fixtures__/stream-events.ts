import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';

/** A ConverseStream as the SDK yields it: reasoning, text in two deltas, a tool call, then metadata. */
export const toolUseStream: ConverseStreamOutput[] = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'The user wants ' } } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'the weather.' } } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig-1' } } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Let me ' } } },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'check.' } } },
  { contentBlockStop: { contentBlockIndex: 1 } },
  {
    contentBlockStart: { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tool-1', name: 'weather' } } },
  },
  { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":' } } } },
  { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '"Paris"}' } } } },
  { contentBlockStop: { contentBlockIndex: 2 } },
  { messageStop: { stopReason: 'tool_use' } },
  {
    metadata: {
      usage: { inputTokens: 20, outputTokens: 12, totalTokens: 32, cacheReadInputTokens: 5 },
      metrics: { latencyMs: 42 },
    },
  },
];

/**
 * A cited reply as ConverseStream sends it: the citation as a delta of its block, then that
 * block's text (vercel/ai packages/amazon-bedrock/src/__fixtures__/bedrock-document-citations.chunks.txt).
 */
export const citedStream: ConverseStreamOutput[] = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'The handbook says ' } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  {
    contentBlockDelta: {
      contentBlockIndex: 1,
      delta: {
        citation: {
          location: { documentPage: { documentIndex: 0, start: 1, end: 2 } },
          sourceContent: [{ text: 'Expenses are refunded within 30 days of a receipt.' }],
          title: 'handbook',
        },
      },
    },
  },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'receipts are refunded ' } } },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'within 30 days' } } },
  { contentBlockStop: { contentBlockIndex: 1 } },
  { messageStop: { stopReason: 'end_turn' } },
  {
    metadata: { usage: { inputTokens: 60, outputTokens: 14, totalTokens: 74 }, metrics: { latencyMs: 400 } },
  },
];

/** A streamed reply whose `metadata` event says it was served on the Priority tier. */
export const priorityStream: ConverseStreamOutput[] = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Right away.' } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: 'end_turn' } },
  {
    metadata: {
      usage: { inputTokens: 10, outputTokens: 3, totalTokens: 13 },
      metrics: { latencyMs: 120 },
      serviceTier: { type: 'priority' },
      performanceConfig: { latency: 'optimized' },
    },
  },
];
