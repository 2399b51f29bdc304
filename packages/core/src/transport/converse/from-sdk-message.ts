import type { ContentBlock as SdkContentBlock, Message as SdkMessage } from '@aws-sdk/client-bedrock-runtime';
import type { ContentBlock } from '../../messages/content-block-schemas.js';
import type { Message } from '../../messages/message-schemas.js';

function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function fromSource(source: Record<string, unknown>): never {
  if (source.bytes instanceof Uint8Array) return { bytes: base64Of(source.bytes) } as never;
  return source as never;
}

/** One SDK content block → ours; unknown members (new SDK features) are dropped. */
export function fromSdkContentBlock(block: SdkContentBlock): ContentBlock | undefined {
  if (block.text !== undefined) return block.text === '' ? undefined : { text: block.text };
  if (block.toolUse) {
    const { toolUseId = '', name = '', input } = block.toolUse;
    return { toolUse: { toolUseId, name, input: input ?? {} } };
  }
  if (block.reasoningContent) {
    const reasoning = block.reasoningContent;
    if (reasoning.redactedContent)
      return { reasoningContent: { redactedContent: base64Of(reasoning.redactedContent) } };
    const text = reasoning.reasoningText;
    if (text) {
      return {
        reasoningContent: {
          reasoningText: { text: text.text ?? '', ...(text.signature ? { signature: text.signature } : {}) },
        },
      };
    }
    return undefined;
  }
  if (block.image?.source) {
    return {
      image: {
        format: block.image.format ?? 'png',
        source: fromSource(block.image.source as unknown as Record<string, unknown>),
      },
    };
  }
  if (block.document?.source) {
    const { name = 'document', format, source } = block.document;
    return {
      document: {
        name,
        ...(format ? { format } : {}),
        source: fromSource(source as unknown as Record<string, unknown>),
      },
    };
  }
  if (block.toolResult) {
    const { toolUseId = '', content = [], status } = block.toolResult;
    const items = content.flatMap((item): unknown[] => {
      if (item.json !== undefined) return [{ json: item.json }];
      const converted = fromSdkContentBlock(item as SdkContentBlock);
      return converted ? [converted] : [];
    });
    return {
      toolResult: { toolUseId, content: items as never, ...(status ? { status } : {}) },
    };
  }
  if (block.cachePoint) {
    const { ttl } = block.cachePoint;
    return { cachePoint: { type: 'default', ...(ttl === '5m' || ttl === '1h' ? { ttl } : {}) } };
  }
  return undefined;
}

export function fromSdkMessage(message: SdkMessage | undefined): Message {
  const content: ContentBlock[] = [];
  for (const block of message?.content ?? []) {
    const converted = fromSdkContentBlock(block);
    if (converted) content.push(converted);
  }
  // May be empty (e.g. a guardrail intervened): callers must not store it as history as is.
  return { role: 'assistant', content };
}
