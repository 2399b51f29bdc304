import type { ContentBlock, Message } from '../converse-request.js';

/** A content block of the conversation and where it sits. Indices count from 0. */
export interface LocatedBlock {
  readonly block: ContentBlock;
  readonly role: Message['role'];
  readonly messageIndex: number;
  readonly blockIndex: number;
  /** Set for a block inside a `toolResult`'s content: its index there. */
  readonly nestedIndex?: number;
}

/** Every block of every message, each followed by the blocks inside it when it is a tool result. */
export function* contentBlocks(messages: readonly Message[]): Generator<LocatedBlock> {
  for (const [messageIndex, message] of messages.entries()) {
    for (const [blockIndex, block] of message.content.entries()) {
      yield { block, role: message.role, messageIndex, blockIndex };
      const nested = block.toolResult?.content;
      if (!Array.isArray(nested)) continue;
      for (const [nestedIndex, inner] of nested.entries()) {
        yield { block: inner, role: message.role, messageIndex, blockIndex, nestedIndex };
      }
    }
  }
}

/** Coral's path of a member of the block: 1-based, `messages.1.member.content.2.member.document.name`. */
export function coralPath(located: LocatedBlock, member: string): string {
  const block = `messages.${located.messageIndex + 1}.member.content.${located.blockIndex + 1}.member`;
  if (located.nestedIndex === undefined) return `${block}.${member}`;
  return `${block}.toolResult.content.${located.nestedIndex + 1}.member.${member}`;
}

/** The model's path of the block: 0-based, `messages.0.content.2` (Anthropic's wording). */
export function modelPath(located: LocatedBlock): string {
  const block = `messages.${located.messageIndex}.content.${located.blockIndex}`;
  return located.nestedIndex === undefined ? block : `${block}.content.${located.nestedIndex}`;
}
