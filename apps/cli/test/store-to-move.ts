import type { ConversationStore, NewMessage } from '@bedrock-chat/core';

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** Files the conversations attach: the report twice for alice (one file, two references). */
export const FILES = {
  report: base64('%PDF-1.7\n% quarterly report\n%%EOF\n'),
  chart: base64('\u0089PNG\r\n\u001a\n a tiny chart'),
  plot: base64('a chart drawn by a tool'),
};

const report = { document: { name: 'report', format: 'pdf' as const, source: { bytes: FILES.report } } };

/** A turn with files, reasoning (signed and redacted) and a tool step, as a tool loop saves it. */
const toolTurn: NewMessage[] = [
  {
    role: 'user',
    content: [
      report,
      { image: { format: 'png', source: { bytes: FILES.chart } } },
      { text: 'Does it match?' },
    ],
  },
  {
    role: 'assistant',
    content: [
      { reasoningContent: { reasoningText: { text: 'Plot the series first.', signature: 'sig-1' } } },
      { reasoningContent: { redactedContent: base64('redacted by the model') } },
      { toolUse: { toolUseId: 'tooluse_1', name: 'plot', input: { series: 'q3', points: [1, 2.5] } } },
    ],
    modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    stopReason: 'tool_use',
    usage: { inputTokens: 1800, outputTokens: 40, totalTokens: 1840, cacheReadInputTokens: 1024 },
    latencyMs: 900,
    costUsd: 0.002,
  },
  {
    role: 'user',
    content: [
      {
        toolResult: {
          toolUseId: 'tooluse_1',
          content: [{ text: 'plotted' }, { image: { format: 'png', source: { bytes: FILES.plot } } }],
          status: 'success',
        },
      },
    ],
  },
  { role: 'assistant', content: [{ text: 'Yes: the same chart.' }], stopReason: 'end_turn' },
];

/**
 * Fills a store with what moving it must keep: three owners; a system prompt; files (one shared
 * by two conversations); reasoning and a tool step; a conversation over 96 messages (a long
 * import on DynamoDB) with a file and a message long enough to be chunked; a rename and an append.
 * Returns the long conversation's id.
 */
export async function fillStoreToMove(source: ConversationStore): Promise<string> {
  await source.create({
    title: 'Local one',
    system: 'Be brief.',
    messages: [
      { role: 'user', content: [{ text: 'q1' }] },
      { role: 'assistant', content: [{ text: 'a1' }] },
    ],
  });
  const alice = source.forOwner('alice@example.com');
  await alice.create({ title: 'With files and tools', messages: toolTurn });
  const long = await alice.create({
    title: 'Long',
    messages: Array.from({ length: 130 }, (_, index) => ({
      role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: [
        ...(index === 0 ? [report] : []),
        { text: `m${index}${index === 9 ? 'é'.repeat(50 * 1024) : ''}` },
      ],
    })),
  });
  await alice.appendMessages({
    conversationId: long.id,
    expectedPosition: 130,
    messages: [
      { role: 'user', content: [{ text: 'more' }] },
      { role: 'assistant', content: [{ text: 'yes' }] },
    ],
  });
  await alice.rename(long.id, 'Long, renamed');
  await source.forOwner('bob').create({ title: 'Bob', messages: toolTurn });
  return long.id;
}
