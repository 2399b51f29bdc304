import type { ContentBlock as SdkContentBlock, Message as SdkMessage } from '@aws-sdk/client-bedrock-runtime';
import { encodeBase64 } from '../../messages/base64-schema.js';
import type { Citation, CitationLocation, ContentBlock } from '../../messages/content-block-schemas.js';
import type { Message } from '../../messages/message-schemas.js';

function fromSource(source: Record<string, unknown>): never {
  if (source.bytes instanceof Uint8Array) return { bytes: encodeBase64(source.bytes) } as never;
  return source as never;
}

function fromSdkCitations(block: NonNullable<SdkContentBlock['citationsContent']>): ContentBlock {
  const content = (block.content ?? []).flatMap((part) =>
    part.text === undefined ? [] : [{ text: part.text }],
  );
  const citations = (block.citations ?? []).map((citation): Citation => {
    const location = citationLocation(citation.location);
    return {
      ...(citation.title === undefined ? {} : { title: citation.title }),
      ...(citation.source === undefined ? {} : { source: citation.source }),
      ...(citation.sourceContent
        ? { sourceContent: citation.sourceContent.map((part) => ({ text: part.text ?? '' })) }
        : {}),
      ...(location ? { location } : {}),
    };
  });
  return { citationsContent: { content, citations } };
}

/** Document locations (characters, pages, chunks); web and search-result ones are not ours to keep. */
export function citationLocation(location: unknown): CitationLocation | undefined {
  if (typeof location !== 'object' || location === null) return undefined;
  for (const kind of ['documentChar', 'documentPage', 'documentChunk'] as const) {
    const range = (location as Record<string, unknown>)[kind];
    if (typeof range !== 'object' || range === null) continue;
    const { documentIndex, start, end } = range as Record<string, unknown>;
    const numbers = Object.entries({ documentIndex, start, end }).filter(
      ([, value]) => typeof value === 'number',
    );
    return { [kind]: Object.fromEntries(numbers) } as CitationLocation;
  }
  return undefined;
}

/** The member name of a block bedrock-chat does not know, for the warning that says it was left out. */
export function unknownBlockName(block: SdkContentBlock): string {
  const members = block as unknown as Record<string, unknown>;
  const names = Object.keys(members).filter((key) => members[key] !== undefined);
  return names[0] ?? 'empty';
}

/**
 * One SDK content block → ours; undefined for an empty text or a member bedrock-chat does not
 * know (new SDK features): {@link fromSdkMessage} names those in `dropped`.
 */
export function fromSdkContentBlock(block: SdkContentBlock): ContentBlock | undefined {
  if (block.text !== undefined) return block.text === '' ? undefined : { text: block.text };
  if (block.toolUse) {
    const { toolUseId = '', name = '', input } = block.toolUse;
    return { toolUse: { toolUseId, name, input: input ?? {} } };
  }
  if (block.reasoningContent) {
    const reasoning = block.reasoningContent;
    if (reasoning.redactedContent)
      return { reasoningContent: { redactedContent: encodeBase64(reasoning.redactedContent) } };
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
  if (block.citationsContent) return fromSdkCitations(block.citationsContent);
  if (block.cachePoint) {
    const { ttl } = block.cachePoint;
    return { cachePoint: { type: 'default', ...(ttl === '5m' || ttl === '1h' ? { ttl } : {}) } };
  }
  return undefined;
}

/** The assistant message, and the members of blocks it had to leave out (none, usually). */
export function fromSdkMessage(message: SdkMessage | undefined): { message: Message; dropped: string[] } {
  const content: ContentBlock[] = [];
  const dropped: string[] = [];
  for (const block of message?.content ?? []) {
    const converted = fromSdkContentBlock(block);
    if (converted) content.push(converted);
    else if (block.text === undefined) dropped.push(unknownBlockName(block));
  }
  // May be empty (e.g. a guardrail intervened): callers must not store it as history as is.
  return { message: { role: 'assistant', content }, dropped };
}

/** The warning for reply blocks left out: the reply is not what the model sent, so say so. */
export function droppedBlocksWarning(dropped: readonly string[]): string[] {
  if (dropped.length === 0) return [];
  const names = [...new Set(dropped)].join(', ');
  return [
    `The reply held content bedrock-chat does not read yet (${names}); it was left out of the message.`,
  ];
}
