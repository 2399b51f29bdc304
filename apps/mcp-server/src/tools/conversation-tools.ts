import { type ConversationWithMessages, messageText, type SystemPrompt } from '@bedrock-chat/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../server-deps.js';
import { callerStore } from './caller-store.js';
import { jsonResult } from './json-result.js';
import { mapToolErrors } from './tool-errors.js';

export const ListConversationsInputSchema = z.strictObject({
  limit: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('How many to return (most recently used first); default 20'),
  search: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Words that must all appear in one of its messages; omit to list all'),
});

export const ListConversationsOutputSchema = z.object({
  conversations: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      model: z.string().nullable(),
      updatedAt: z.string(),
      messageCount: z.number(),
    }),
  ),
});
type ListConversationsOutput = z.infer<typeof ListConversationsOutputSchema>;

export const GetConversationInputSchema = z.strictObject({
  conversationId: z.string().min(1).max(64).describe('Id from a chat result or list_conversations'),
});

export const GetConversationOutputSchema = z.object({
  id: z.string(),
  title: z.string(),
  model: z.string().nullable(),
  system: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  messageCount: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadInputTokens: z.number(),
  cacheWriteInputTokens: z.number(),
  costUsd: z.number(),
  /** Estimated; negative while the cache has only been written. */
  cacheSavedUsd: z.number(),
  messages: z.array(
    z.object({
      role: z.enum(['user', 'assistant']),
      text: z.string(),
      createdAt: z.string(),
      /** Replies only: the model id that wrote it. */
      model: z.string().nullable(),
    }),
  ),
});
type GetConversationOutput = z.infer<typeof GetConversationOutputSchema>;

export const DEFAULT_LIST_LIMIT = 20;

function systemText(system: SystemPrompt | null): string | null {
  if (system === null) return null;
  if (typeof system === 'string') return system;
  return system.flatMap((block) => ('text' in block ? [block.text] : [])).join('\n');
}

/** Stored messages as text: images, documents and tool blocks are left out of the transcript. */
export function toConversationOutput(conversation: ConversationWithMessages): GetConversationOutput {
  return {
    id: conversation.id,
    title: conversation.title,
    model: conversation.model,
    system: systemText(conversation.system),
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    messageCount: conversation.messageCount,
    inputTokens: conversation.inputTokens,
    outputTokens: conversation.outputTokens,
    cacheReadInputTokens: conversation.cacheReadInputTokens,
    cacheWriteInputTokens: conversation.cacheWriteInputTokens,
    costUsd: conversation.costUsd,
    cacheSavedUsd: conversation.cacheSavedUsd,
    messages: conversation.messages.map((message) => ({
      role: message.role,
      text: messageText(message),
      createdAt: message.createdAt,
      model: message.modelId,
    })),
  };
}

export function registerConversationTools(server: McpServer, deps: ServerDeps): void {
  const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

  server.registerTool(
    'list_conversations',
    {
      title: 'List conversations',
      description: 'List stored conversations, most recently used first.',
      inputSchema: ListConversationsInputSchema,
      outputSchema: ListConversationsOutputSchema,
      annotations: readOnly,
    },
    mapToolErrors(
      'list_conversations',
      async (args: z.infer<typeof ListConversationsInputSchema>, extra) => {
        const page = await callerStore(deps.store, extra).list({
          limit: args.limit ?? DEFAULT_LIST_LIMIT,
          search: args.search,
        });
        const output: ListConversationsOutput = {
          conversations: page.conversations.map(({ id, title, model, updatedAt, messageCount }) => ({
            id,
            title,
            model,
            updatedAt,
            messageCount,
          })),
        };
        return jsonResult(output);
      },
      deps.log,
    ),
  );

  server.registerTool(
    'get_conversation',
    {
      title: 'Get conversation',
      description: 'Get a stored conversation with its messages.',
      inputSchema: GetConversationInputSchema,
      outputSchema: GetConversationOutputSchema,
      annotations: readOnly,
    },
    mapToolErrors(
      'get_conversation',
      async (args: z.infer<typeof GetConversationInputSchema>, extra) =>
        jsonResult(toConversationOutput(await callerStore(deps.store, extra).get(args.conversationId))),
      deps.log,
    ),
  );
}
