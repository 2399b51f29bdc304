import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { ChatStreamEvent } from '../../client/chat-types.js';
import type { Citation, ContentBlock } from '../../messages/content-block-schemas.js';
import type { Message, StopReason, Usage } from '../../messages/message-schemas.js';
import { citationLocation } from './from-sdk-message.js';
import { usageFromSdk } from './map-usage.js';
import { type ServedSettings, servedSettingsFromSdk } from './served-settings.js';

type PartialBlock =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string; signature: string | undefined; redacted: Uint8Array | undefined }
  | { kind: 'tool-use'; toolUseId: string; name: string; inputJson: string }
  /** Text backed by citations: the stream sends each citation as a delta beside the text ones. */
  | { kind: 'cited'; text: string; citations: Citation[] };

function parseToolInput(json: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json);
  } catch {
    return { _unparsedInput: json };
  }
}

/**
 * Folds ConverseStream events into the assistant message, stop reason and usage, and turns
 * each event into zero or more of our `ChatStreamEvent`s. Pure: no I/O, no clock.
 */
export class StreamAccumulator {
  private readonly blocks = new Map<number, PartialBlock>();
  /** The block of the last delta (its index in `lastIndex`): the next delta goes there as a rule. */
  private last: PartialBlock | undefined;
  private lastIndex = -1;
  stopReason: StopReason = 'end_turn';
  usage: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  serverLatencyMs: number | undefined;
  /** The tier and latency the `metadata` event reports the call was served with. */
  served: ServedSettings = {};
  /** True once `messageStop` arrived; a stream that ends without it was cut off. */
  stopped = false;

  /**
   * Folds one event in; returns the `ChatStreamEvent` it stands for, if any (one at most). Runs
   * once per delta — some 4,000 times in a 16,000-token reply — so the text delta is tested first
   * and nothing is allocated for it but the event handed on.
   */
  push(event: ConverseStreamOutput): ChatStreamEvent | undefined {
    const blockDelta = event.contentBlockDelta;
    if (blockDelta !== undefined) {
      return blockDelta.delta === undefined
        ? undefined
        : this.pushDelta(blockDelta.contentBlockIndex ?? 0, blockDelta.delta);
    }
    if (event.contentBlockStart?.start?.toolUse) {
      const { toolUseId = '', name = '' } = event.contentBlockStart.start.toolUse;
      this.setBlock(event.contentBlockStart.contentBlockIndex ?? 0, {
        kind: 'tool-use',
        toolUseId,
        name,
        inputJson: '',
      });
      return undefined;
    }
    if (event.contentBlockStop) {
      const index = event.contentBlockStop.contentBlockIndex ?? 0;
      const block = this.blocks.get(index);
      if (block?.kind !== 'tool-use') return undefined;
      const toolUse = {
        toolUseId: block.toolUseId,
        name: block.name,
        input: parseToolInput(block.inputJson),
      };
      return { type: 'tool-use', block: { toolUse }, contentBlockIndex: index };
    }
    if (event.messageStop) {
      this.stopReason = (event.messageStop.stopReason ?? 'end_turn') as StopReason;
      this.stopped = true;
      return undefined;
    }
    if (event.metadata) {
      const usage = event.metadata.usage;
      if (usage) this.usage = usageFromSdk(usage);
      this.serverLatencyMs = event.metadata.metrics?.latencyMs;
      this.served = servedSettingsFromSdk(event.metadata.serviceTier, event.metadata.performanceConfig);
    }
    return undefined;
  }

  /** The block at `index`: the one the last delta went to, as a rule. */
  private block(index: number): PartialBlock | undefined {
    return index === this.lastIndex ? this.last : this.blocks.get(index);
  }

  private setBlock(index: number, block: PartialBlock): void {
    this.blocks.set(index, block);
    this.lastIndex = index;
    this.last = block;
  }

  private pushDelta(
    index: number,
    delta: NonNullable<NonNullable<ConverseStreamOutput['contentBlockDelta']>['delta']>,
  ): ChatStreamEvent | undefined {
    const existing = this.block(index);
    const text = delta.text;
    if (text !== undefined) {
      if (existing?.kind === 'text' || existing?.kind === 'cited') existing.text += text;
      else this.setBlock(index, { kind: 'text', text });
      return text === '' ? undefined : { type: 'text', text, contentBlockIndex: index };
    }
    if (delta.citation) {
      const location = citationLocation(delta.citation.location);
      const { title, source, sourceContent } = delta.citation;
      const citation: Citation = {
        ...(title === undefined ? {} : { title }),
        ...(source === undefined ? {} : { source }),
        ...(sourceContent ? { sourceContent: sourceContent.map((part) => ({ text: part.text ?? '' })) } : {}),
        ...(location ? { location } : {}),
      };
      if (existing?.kind === 'cited') existing.citations.push(citation);
      else
        this.setBlock(index, {
          kind: 'cited',
          text: existing?.kind === 'text' ? existing.text : '',
          citations: [citation],
        });
      return { type: 'citation', citation, contentBlockIndex: index };
    }
    if (delta.toolUse && existing?.kind === 'tool-use') {
      existing.inputJson += delta.toolUse.input ?? '';
      return undefined;
    }
    if (delta.reasoningContent) {
      let block = existing;
      if (block?.kind !== 'reasoning') {
        block = { kind: 'reasoning', text: '', signature: undefined, redacted: undefined };
        this.setBlock(index, block);
      }
      const { text: reasoning, signature, redactedContent } = delta.reasoningContent;
      if (signature) block.signature = signature;
      if (redactedContent) block.redacted = redactedContent;
      if (reasoning) {
        block.text += reasoning;
        return { type: 'reasoning', text: reasoning, contentBlockIndex: index };
      }
    }
    return undefined;
  }

  /** The assistant message as received so far, blocks in index order. */
  message(): Message {
    const content: ContentBlock[] = [...this.blocks.entries()]
      .sort(([left], [right]) => left - right)
      .flatMap(([, block]): ContentBlock[] => {
        if (block.kind === 'text') return block.text === '' ? [] : [{ text: block.text }];
        if (block.kind === 'cited') {
          return [{ citationsContent: { content: [{ text: block.text }], citations: block.citations } }];
        }
        if (block.kind === 'tool-use') {
          return [
            {
              toolUse: {
                toolUseId: block.toolUseId,
                name: block.name,
                input: parseToolInput(block.inputJson),
              },
            },
          ];
        }
        if (block.redacted) {
          return [{ reasoningContent: { redactedContent: Buffer.from(block.redacted).toString('base64') } }];
        }
        const reasoningText = {
          text: block.text,
          ...(block.signature ? { signature: block.signature } : {}),
        };
        return [{ reasoningContent: { reasoningText } }];
      });
    return { role: 'assistant', content };
  }
}
