import { BedrockChatError, type ErrorCode, NOTHING_SAVED, redactSecrets } from '@bedrock-chat/core';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../server-deps.js';

/** The second argument of a tool callback. */
export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** What a hint may depend on besides the error: the models this server lets a caller pass. */
export interface HintContext {
  allowedModels?: readonly string[] | undefined;
}

/** The words an agent can act on: the server's operator, not the agent, fixes its environment. */
const OPERATOR = 'Tell the user who runs this MCP server; retrying will not help until they fix it.';
const KEEP_CORE_HINT = (error: BedrockChatError) => error.hint;

/**
 * Core writes hints for a person at a terminal (flags, `bedrock-chat …` and `aws …` commands,
 * environment variables). An agent can do none of that, so each code gets a hint in MCP terms —
 * tool names and arguments, or what to tell the user — or keeps core's where it already speaks of
 * the request only. Every code is listed: a new one must be decided here.
 */
/** Under an allowlist a hint names the allowed models, never an alias the server would refuse. */
function otherModel(
  context: HintContext,
  unrestricted: string,
  restricted: (list: string) => string,
): string {
  const allowed = context.allowedModels;
  return allowed === undefined ? unrestricted : restricted(allowed.join(', '));
}

/**
 * Core's hints for invalid input mostly speak of the request and are kept; the few that name a CLI
 * flag or command (`--think`, `bedrock-chat models`, `-a`) get one in tool arguments.
 */
function invalidInputHint(error: BedrockChatError): string | undefined {
  if (error.details.option === 'effort') {
    // effort xhigh/max without thinking, or with a responseSchema on a model that then cannot think.
    return 'xhigh and max need thinking: pass thinking: true, or use effort high or below. With responseSchema on a model without native structured output there is no thinking: use high or below there.';
  }
  if (error.details.reason === 'system-too-large') {
    return "Shorten the system prompt: this server's DynamoDB store keeps it in one item (at most 400 KiB). Long text can go in the prompt instead.";
  }
  return error.hint;
}

const MCP_HINTS: Record<ErrorCode, (error: BedrockChatError, context: HintContext) => string | undefined> = {
  INVALID_INPUT: invalidInputHint,
  INVALID_REQUEST: KEEP_CORE_HINT,
  CONFIG_INVALID: () => `This server's configuration is invalid (see the message). ${OPERATOR}`,
  CONTEXT_WINDOW_EXCEEDED: () =>
    'Shorten the prompt or the system prompt, lower maxTokens, or omit conversationId to start a new conversation.',
  CONVERSATION_NOT_FOUND: () =>
    'Omit conversationId to start a new conversation, or call list_conversations to find an existing id.',
  UNSUPPORTED_BY_MODEL: (_error, context) =>
    otherModel(
      context,
      'Leave out the thinking or effort argument this model cannot take, or pass a model that has it (list_models).',
      (list) =>
        `Leave out the thinking or effort argument this model cannot take, or pass another allowed model: ${list}.`,
    ),
  INVALID_CONVERSATION_ID: () =>
    'Conversation ids are 26 letters and digits (from a chat result or list_conversations). Omit conversationId to start a new conversation.',
  // The file's path and the rule are in the message; core's hints speak of the file, not of flags.
  ATTACHMENT_NOT_FOUND: KEEP_CORE_HINT,
  ATTACHMENT_NOT_A_FILE: KEEP_CORE_HINT,
  ATTACHMENT_UNREADABLE: () => `This server may not read that file. ${OPERATOR}`,
  ATTACHMENT_TOO_LARGE: KEEP_CORE_HINT,
  ATTACHMENT_UNSUPPORTED_TYPE: KEEP_CORE_HINT,
  ATTACHMENT_LIMIT: KEEP_CORE_HINT,
  ATTACHMENT_NOT_ALLOWED: KEEP_CORE_HINT,
  // The CLI's MCP client codes; this server never connects to MCP servers itself.
  MCP_CONFIG_INVALID: KEEP_CORE_HINT,
  MCP_SERVER_NOT_FOUND: KEEP_CORE_HINT,
  // The place in the schema and Bedrock's rule are in the message; core's hint names JSON Schema keys.
  SCHEMA_INVALID: KEEP_CORE_HINT,
  CREDENTIALS_MISSING: () => `This server has no AWS credentials for Bedrock. ${OPERATOR}`,
  CREDENTIALS_EXPIRED: () => `This server's AWS credentials have expired. ${OPERATOR}`,
  CREDENTIALS_REJECTED: () => `Bedrock rejected this server's AWS credentials. ${OPERATOR}`,
  MODEL_ACCESS_DENIED: () =>
    "This server's AWS account may not use this model: pass another model from list_models, or tell the user who runs the server to grant access (IAM or Bedrock model access).",
  MODEL_NOT_FOUND: (_error, context) =>
    otherModel(
      context,
      "Pass a model from list_models (its id or an alias such as sonnet, haiku or opus), or omit model for the server's default.",
      (list) =>
        `Pass a model this server allows (${list}; see list_models), or omit model for the server's default.`,
    ),
  MODEL_NOT_IN_REGION: (_error, context) =>
    otherModel(
      context,
      "The region is this server's setting: pass a model that list_models shows (an alias such as sonnet, haiku or opus resolves for the region), or omit model.",
      (list) =>
        `The region is this server's setting: pass another model this server allows (${list}) that list_models shows, or omit model.`,
    ),
  ON_DEMAND_NOT_SUPPORTED: (_error, context) =>
    otherModel(
      context,
      "Pass the model's inference profile id instead (us.…, eu.…, global.…; list_models shows them), or an alias such as sonnet, haiku or opus, which resolves to one.",
      (list) =>
        `Pass the model's inference profile id instead (list_models shows them), or a model this server allows by alias (${list}).`,
    ),
  THROTTLED: () => 'Wait a little and call again, lower maxTokens, or pass another model from list_models.',
  QUOTA_EXCEEDED: () =>
    'Lower maxTokens or pass another model from list_models; a higher quota is for the user who runs this server to request.',
  SERVICE_UNAVAILABLE: () => 'Call again in a moment, or pass another model from list_models.',
  MODEL_TIMEOUT: (_error, context) =>
    `Call again, lower maxTokens, or pass a faster model${otherModel(context, ' such as haiku', (list) => ` (this server allows ${list})`)}.`,
  MODEL_NOT_READY: KEEP_CORE_HINT,
  MODEL_ERROR: () => 'Call again; if it persists, pass another model from list_models.',
  OUTPUT_INVALID: (error) =>
    error.details.stopReason === 'max_tokens'
      ? 'Raise maxTokens so the whole object fits, then call again.'
      : 'Call again, or loosen responseSchema.',
  TIMEOUT: (_error, context) =>
    `Ask for a shorter reply (lower maxTokens) or pass a faster model${otherModel(context, ' such as haiku', (list) => ` (this server allows ${list})`)}; the time limit (BEDROCK_CHAT_MCP_TIMEOUT_MS) is set by the user who runs this server.`,
  NETWORK_ERROR: () => `This server cannot reach Bedrock. ${OPERATOR}`,
  ABORTED: KEEP_CORE_HINT,
  CONVERSATION_CONFLICT: () =>
    'Another client added to this conversation meanwhile: call get_conversation to read it, then send the prompt again.',
  STORE_CORRUPT: () => `This server's conversation store is damaged. ${OPERATOR}`,
  STORE_UNWRITABLE: () => `This server cannot write its conversation store. ${OPERATOR}`,
  STORE_TOO_NEW: () =>
    `This server's conversation store was written by a newer bedrock-chat; the server must be upgraded. ${OPERATOR}`,
  STORE_UNAVAILABLE: () => `This server cannot open its conversation store. ${OPERATOR}`,
  STORE_THROTTLED: () => 'The conversation store is busy: call again in a moment.',
  SEARCH_UNSUPPORTED: () =>
    "This server's conversation store cannot search message text: call list_conversations without search.",
  INTERNAL: KEEP_CORE_HINT,
};

/** The hint an agent reads: in MCP terms, still saying when nothing was saved. */
export function mcpHint(error: BedrockChatError, context: HintContext = {}): string | undefined {
  const hint = MCP_HINTS[error.code](error, context);
  if (hint === error.hint || error.details.conversationUnchanged !== true) return hint;
  return hint === undefined ? NOTHING_SAVED : `${hint} ${NOTHING_SAVED}`;
}

/**
 * The one place where failures become MCP results: `isError: true`, one text block holding the
 * message and a hint, and no `structuredContent` (clients validate it against the outputSchema even
 * on errors). Secrets that slipped into an unexpected error's text are redacted.
 */
export function toErrorResult(error: unknown, context: HintContext = {}): CallToolResult {
  let message: string;
  let hint: string | undefined;
  if (BedrockChatError.isInstance(error)) {
    message = error.message;
    hint = mcpHint(error, context);
  } else {
    message = `Internal error: ${error instanceof Error ? error.message : String(error)}`;
    hint = 'This is a bug in bedrock-chat-mcp; the server log (stderr) has details.';
  }
  let text = hint === undefined ? message : `${message}\nHint: ${hint}`;
  // A structured reply that did not match was billed but not stored: the caller still gets it.
  const rawText = BedrockChatError.isInstance(error) ? error.details.rawText : undefined;
  if (BedrockChatError.isInstance(error) && error.code === 'OUTPUT_INVALID' && typeof rawText === 'string') {
    text += `\nReply as written (not saved): ${rawText}`;
  }
  return { isError: true, content: [{ type: 'text', text: redactSecrets(text) }] };
}

/**
 * Wraps a tool callback so that anything it throws goes through {@link toErrorResult}; errors that
 * are not ours are logged too, since their message alone may not explain them.
 */
export function mapToolErrors<Input>(
  toolName: string,
  callback: (args: Input, extra: ToolExtra) => Promise<CallToolResult>,
  log: Logger | undefined,
  context: HintContext = {},
): (args: Input, extra: ToolExtra) => Promise<CallToolResult> {
  return async (args, extra) => {
    try {
      return await callback(args, extra);
    } catch (error) {
      if (!BedrockChatError.isInstance(error)) {
        log?.(
          redactSecrets(
            `${toolName} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          ),
        );
      }
      return toErrorResult(error, context);
    }
  };
}
