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
