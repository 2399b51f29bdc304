import { BedrockChatError, redactSecrets } from '@bedrock-chat/core';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../server-deps.js';

/** The second argument of a tool callback. */
export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Hints in MCP terms where core's hint speaks of the CLI or is generic. Keyed by error code;
 * core's own hint is kept for every other code.
 */
const MCP_HINTS: Partial<Record<BedrockChatError['code'], string>> = {
  CONVERSATION_NOT_FOUND:
    'Omit conversationId to start a new conversation, or call list_conversations to find an existing id.',
  INVALID_CONVERSATION_ID:
    'Conversation ids are 26 letters and digits (from a chat result or list_conversations). Omit conversationId to start a new conversation.',
};

/**
 * The one place where failures become MCP results: `isError: true`, one text block holding the
 * message and a hint, and no `structuredContent` (clients validate it against the outputSchema even
 * on errors). Secrets that slipped into an unexpected error's text are redacted.
 */
export function toErrorResult(error: unknown): CallToolResult {
  let message: string;
  let hint: string | undefined;
  if (BedrockChatError.isInstance(error)) {
    message = error.message;
    hint = MCP_HINTS[error.code] ?? error.hint;
  } else {
    message = `Internal error: ${error instanceof Error ? error.message : String(error)}`;
    hint = 'This is a bug in bedrock-chat-mcp; the server log (stderr) has details.';
  }
  const text = redactSecrets(hint === undefined ? message : `${message}\nHint: ${hint}`);
  return { isError: true, content: [{ type: 'text', text }] };
}

/**
 * Wraps a tool callback so that anything it throws goes through {@link toErrorResult}; errors that
 * are not ours are logged too, since their message alone may not explain them.
 */
export function mapToolErrors<Input>(
  toolName: string,
  callback: (args: Input, extra: ToolExtra) => Promise<CallToolResult>,
  log: Logger | undefined,
): (args: Input, extra: ToolExtra) => Promise<CallToolResult> {
  return async (args, extra) => {
    try {
      return await callback(args, extra);
    } catch (error) {
      if (!BedrockChatError.isInstance(error)) {
        log?.(
          `${toolName} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
      return toErrorResult(error);
    }
  };
}
