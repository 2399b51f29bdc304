import type { PlannedBlock, ReplyPlan } from './reply-plan.js';
import { CHARS_PER_TOKEN } from './token-count.js';

/** A ConverseStream event before framing; `metadata` is added by the sender, which knows the latency. */
export interface StreamEvent {
  readonly eventType:
    | 'messageStart'
    | 'contentBlockStart'
    | 'contentBlockDelta'
    | 'contentBlockStop'
    | 'messageStop';
  readonly payload: unknown;
}

/** The Converse `output.message.content` for a plan. */
export function toConverseContent(plan: ReplyPlan): unknown[] {
  return plan.blocks.map(toContentBlock);
}

function toContentBlock(block: PlannedBlock): unknown {
  switch (block.type) {
    case 'reasoning':
      return { reasoningContent: { reasoningText: { text: block.text, signature: block.signature } } };
    case 'redacted':
      return { reasoningContent: { redactedContent: block.data } };
    case 'text':
      return { text: block.text };
    case 'toolUse':
      return { toolUse: { ...block.toolUse, input: block.toolUse.input ?? {} } };
    case 'cited':
      return { citationsContent: { content: [{ text: block.text }], citations: [block.citation] } };
  }
}

/** Splits text into pieces of `chunkTokens` tokens (4 code points each). */
export function chunkText(text: string, chunkTokens: number): string[] {
  const size = Math.max(1, Math.floor(chunkTokens)) * CHARS_PER_TOKEN;
  const codePoints = Array.from(text);
  const chunks: string[] = [];
  for (let start = 0; start < codePoints.length; start += size) {
    chunks.push(codePoints.slice(start, start + size).join(''));
  }
  return chunks;
}

/**
 * The ConverseStream events for a plan, in Bedrock's order: messageStart; per block an optional
 * contentBlockStart (tool use only), deltas, contentBlockStop; messageStop.
 */
export function toStreamEvents(plan: ReplyPlan, chunkTokens: number): StreamEvent[] {
  const events: StreamEvent[] = [{ eventType: 'messageStart', payload: { role: 'assistant' } }];
  plan.blocks.forEach((block, contentBlockIndex) => {
    const delta = (payload: unknown): StreamEvent => ({
      eventType: 'contentBlockDelta',
      payload: { contentBlockIndex, delta: payload },
    });
    switch (block.type) {
      case 'reasoning':
        for (const text of chunkText(block.text, chunkTokens))
          events.push(delta({ reasoningContent: { text } }));
        events.push(delta({ reasoningContent: { signature: block.signature } }));
        break;
      case 'redacted':
        events.push(delta({ reasoningContent: { redactedContent: block.data } }));
        break;
      case 'text':
        for (const text of chunkText(block.text, chunkTokens)) events.push(delta({ text }));
        break;
      case 'cited':
        // As Bedrock streams it: the citation first, then the text it backs, in one block.
        events.push(delta({ citation: block.citation }));
        for (const text of chunkText(block.text, chunkTokens)) events.push(delta({ text }));
        break;
      case 'toolUse': {
        const { toolUseId, name, input } = block.toolUse;
        events.push({
          eventType: 'contentBlockStart',
          payload: { contentBlockIndex, start: { toolUse: { toolUseId, name } } },
        });
        for (const json of chunkText(JSON.stringify(input ?? {}), chunkTokens))
          events.push(delta({ toolUse: { input: json } }));
        break;
      }
    }
    events.push({ eventType: 'contentBlockStop', payload: { contentBlockIndex } });
  });
  events.push({ eventType: 'messageStop', payload: { stopReason: plan.stopReason } });
  return events;
}

/** Number of content deltas, which sets how long a reply takes to "generate". */
export function countDeltas(events: readonly StreamEvent[]): number {
  return events.filter((event) => event.eventType === 'contentBlockDelta').length;
}
