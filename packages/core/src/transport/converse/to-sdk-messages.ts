import type {
  ContentBlock as SdkContentBlock,
  Message as SdkMessage,
  SystemContentBlock as SdkSystemBlock,
} from '@aws-sdk/client-bedrock-runtime';
import type { ContentBlock } from '../../messages/content-block-schemas.js';
import type { Message, SystemBlock } from '../../messages/message-schemas.js';

/** A plain `Uint8Array` over the decoded bytes (a view: a 4 MB file is not copied again). */
function bytesOf(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

type BinarySource = { bytes: string } | { s3Location: { uri: string; bucketOwner?: string | undefined } };

function toSdkSource(source: BinarySource | { text: string }): never {
  if ('bytes' in source) return { bytes: bytesOf(source.bytes) } as never;
  return source as never;
}

/**
 * Our JSON content blocks → the SDK's (binary as `Uint8Array`). The SDK's union types are
 * nominal per member, so the members are built structurally and cast once here.
 */
export function toSdkContentBlock(block: ContentBlock): SdkContentBlock {
  if ('image' in block) {
    return { image: { format: block.image.format, source: toSdkSource(block.image.source) } };
  }
  if ('document' in block) {
    return { document: { ...block.document, source: toSdkSource(block.document.source) } } as SdkContentBlock;
  }
  if ('toolResult' in block) {
    const content = block.toolResult.content.map((item) => toSdkContentBlock(item as ContentBlock));
    return { toolResult: { ...block.toolResult, content } } as SdkContentBlock;
  }
  if ('reasoningContent' in block && 'redactedContent' in block.reasoningContent) {
    return { reasoningContent: { redactedContent: bytesOf(block.reasoningContent.redactedContent) } };
  }
  return block as SdkContentBlock;
}

export function toSdkMessages(messages: readonly Message[]): SdkMessage[] {
  return messages.map((message) => ({ role: message.role, content: message.content.map(toSdkContentBlock) }));
}

export function toSdkSystem(system: readonly SystemBlock[]): SdkSystemBlock[] {
  return system.map((block) => block as SdkSystemBlock);
}
