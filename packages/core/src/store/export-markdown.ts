import { describeAttachment, summariseAttachment } from '../attachments/list-attachments.js';
import type { SystemPrompt } from '../messages/message-schemas.js';
import { toolResultText } from '../messages/tool-result-text.js';
import type { ConversationWithMessages, StoredMessage } from './conversation-schemas.js';
import type { StoredContentBlock } from './stored-content-schemas.js';

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A one-line stand-in for a block that is not text, so a transcript shows that it was there. */
export function summariseBlock(block: StoredContentBlock): string {
  if ('text' in block) return block.text;
  const attachment = summariseAttachment(block);
  if (attachment) return `*[attachment: ${describeAttachment(attachment)}]*`;
  if ('citationsContent' in block) {
    const text = block.citationsContent.content.map((part) => part.text).join('');
    const sources = [
      ...new Set(block.citationsContent.citations.map((citation) => citation.title ?? 'document')),
    ];
    return `${text} *[cited: ${sources.join(', ')}]*`;
  }
  if ('toolUse' in block) {
    return `*[tool call: ${block.toolUse.name}]* \`${clip(JSON.stringify(block.toolUse.input ?? {}), 200)}\``;
  }
  if ('toolResult' in block) {
    const { status, content } = block.toolResult;
    const text = toolResultText(content);
    return `*[tool ${status === 'error' ? 'error' : 'result'}]* ${clip(text, 500)}`.trimEnd();
  }
  if ('reasoningContent' in block) {
    const reasoning = block.reasoningContent;
    return 'reasoningText' in reasoning ? `> *Reasoning:* ${reasoning.reasoningText.text}` : '*[reasoning]*';
  }
  return '';
}

function systemText(system: SystemPrompt): string {
  if (typeof system === 'string') return system;
  return system.map((block) => ('text' in block ? block.text : '')).join('\n');
}

function messageHeading(message: StoredMessage): string {
  if (message.role === 'user') return `## User · ${message.createdAt}`;
  const facts = [message.stopReason === 'interrupted' ? 'interrupted' : message.modelId, message.createdAt];
  if (message.usage) facts.push(`${message.usage.inputTokens} in / ${message.usage.outputTokens} out tokens`);
  const { cacheReadInputTokens: read = 0, cacheWriteInputTokens: written = 0 } = message.usage ?? {};
  if (read + written > 0) facts.push(`cache ${read} read / ${written} written`);
  return `## Assistant · ${facts.filter((fact) => fact !== null).join(' · ')}`;
}

/** The prompt cache's part of the totals, when the conversation used it. */
function cacheLine(conversation: ConversationWithMessages): string[] {
  const { cacheReadInputTokens: read, cacheWriteInputTokens: written, cacheSavedUsd: saved } = conversation;
  if (read + written === 0) return [];
  const saving = saved >= 0 ? `saved $${saved.toFixed(4)}` : `$${(-saved).toFixed(4)} extra so far`;
  return [`- Prompt cache: ${read} read / ${written} written tokens (estimated ${saving})`];
}

/** A readable transcript: title, facts, the system prompt, then each message under a role heading. */
export function conversationToMarkdown(conversation: ConversationWithMessages): string {
  const lines = [
    `# ${conversation.title}`,
    '',
    `- Conversation: \`${conversation.id}\``,
    `- Model: ${conversation.model === null ? 'default' : `\`${conversation.model}\``}`,
    `- Created: ${conversation.createdAt}`,
    `- Last used: ${conversation.updatedAt}`,
    `- Messages: ${conversation.messageCount}`,
    `- Tokens: ${conversation.inputTokens} in / ${conversation.outputTokens} out (estimated cost $${conversation.costUsd.toFixed(4)})`,
    ...cacheLine(conversation),
    '',
  ];
  // A cleared system prompt is stored as "": there is nothing to show.
  const system = conversation.system === null ? '' : systemText(conversation.system);
  if (system.trim() !== '') lines.push('## System', '', system, '');
  for (const message of conversation.messages) {
    lines.push(messageHeading(message), '');
    lines.push(
      message.content
        .map(summariseBlock)
        .filter((text) => text !== '')
        .join('\n\n'),
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
