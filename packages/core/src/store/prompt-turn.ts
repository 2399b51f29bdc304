import { withUniqueDocumentNames } from '../attachments/attachment-prompt.js';
import { checkMediaLimits } from '../attachments/check-media-limits.js';
import { parseChatOptions } from '../client/chat-options.js';
import type { ChatOptions, ChatResult, ChatRunner } from '../client/chat-types.js';
import { DEFAULT_REGION } from '../config/resolve-config.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import type { ContentBlock } from '../messages/content-block-schemas.js';
import { userMessage } from '../messages/message-builders.js';
import { type Message, MessageSchema } from '../messages/message-schemas.js';
import { continuedModel } from '../models/pinned-model.js';
import { type ResolvedModel, resolveModel } from '../models/resolve-model.js';
import { hydrateMessages } from './blob-blocks.js';
import {
  type ContextTrim,
  contextLimitsFor,
  fitToContextWindow,
  type HistoryMessage,
} from './context-window.js';
import type { Conversation, ConversationWithMessages } from './conversation-schemas.js';
import type { ConversationStore } from './conversation-store.js';
import { conversationConflict } from './store-errors.js';
import { REHEARSAL_REPLY, turnWrite } from './turn-write.js';

export interface SendPromptOptions extends ChatOptions {
  runner: ChatRunner;
  prompt: string | ContentBlock[];
  /** Where the conversation lives; omit (or `save: false`) to chat without storing. */
  store?: ConversationStore | undefined;
  /** Continue this conversation; omit to start a new one. Needs a store. */
  conversationId?: string | undefined;
  /** Default true. With false, a conversation is still loaded (when given) but nothing is written. */
  save?: boolean | undefined;
  /**
   * How many messages the caller believes the conversation has (what it showed the user). If the
   * stored conversation differs, CONVERSATION_CONFLICT is thrown before calling the model.
   * Default: the number of messages loaded now.
   */
  expectedPosition?: number | undefined;
  /** Title of a new conversation; default `titleFromPrompt(prompt)`. */
  title?: string | undefined;
  now?: (() => Date) | undefined;
}

export interface SendPromptResult {
  /** The stored conversation after this turn; the loaded one when not saving; null when none. */
  conversation: Conversation | null;
  result: ChatResult;
  /** Set when older messages were left out of the request to fit the context window. */
  trimmed: ContextTrim | null;
  saved: boolean;
}

/** Everything decided before the model call. */
export interface PreparedTurn {
  loaded: ConversationWithMessages | undefined;
  prompt: Message;
  promptAt: Date;
  messages: Message[];
  chatOptions: ChatOptions;
  trimmed: ContextTrim | null;
  expectedPosition: number;
  willSave: boolean;
}

function invalid(message: string, hint?: string): BedrockChatError {
  return new BedrockChatError({ code: 'INVALID_INPUT', message, hint });
}

/**
 * The prompt as a user message. A string becomes `{ role: 'user', content: [{ text }] }`, which
 * cannot fail MessageSchema, so zod runs only for content blocks (the CLI and the MCP `chat` tool
 * send a string on every call, and the store validates the saved message again anyway).
 */
function promptMessage(prompt: string | ContentBlock[]): Message {
  if (typeof prompt === 'string') {
    if (prompt.trim() !== '') return userMessage(prompt);
  } else {
    const parsed = MessageSchema.safeParse(userMessage(prompt));
    if (parsed.success) return parsed.data;
  }
  throw invalid('The prompt is empty or not valid content.', 'Give a prompt with some text.');
}

/** The result that answers a call left unanswered when its turn ended. */
const NOT_RUN =
  'Not run: the turn ended before this call was run (step limit, stop condition, or a tool for the caller).';

/**
 * A stored turn may end with the model's tool calls unanswered (a loop stopped at its step limit
 * or a stop condition, or tools without `execute`). Bedrock wants each answered in the next user
 * message ("Expected toolResult blocks at messages.N.content for the following Ids: …"), so the
 * prompt answers those its blocks do not, with an error result saying they were not run; that
 * is stored with the prompt, so the history says so too.
 */
function answerPendingCalls(last: HistoryMessage | undefined, prompt: Message): Message {
  if (last?.role !== 'assistant') return prompt;
  const answered = new Set(
    prompt.content.flatMap((block) => ('toolResult' in block ? [block.toolResult.toolUseId] : [])),
  );
  const pending: ContentBlock[] = last.content.flatMap((block) =>
    'toolUse' in block && !answered.has(block.toolUse.toolUseId)
      ? [
          {
            toolResult: {
              toolUseId: block.toolUse.toolUseId,
              content: [{ text: NOT_RUN }],
              status: 'error' as const,
            },
          },
        ]
      : [],
  );
  return pending.length === 0 ? prompt : { ...prompt, content: [...pending, ...prompt.content] };
}

/** Loads the conversation to continue; an unknown id can be left out to start a new one. */
async function loadConversation(
  store: ConversationStore,
  conversationId: string,
): Promise<ConversationWithMessages> {
  try {
    return await store.get(conversationId);
  } catch (error) {
    if (!BedrockChatError.isInstance(error) || error.code !== 'CONVERSATION_NOT_FOUND') throw error;
    throw new BedrockChatError({
      code: error.code,
      message: error.message,
      hint: `${error.hint} Omit the id to start a new conversation.`,
      cause: error,
      details: error.details,
    });
  }
}

/**
 * The model as the runner resolves it (its region, its live catalogue). A runner that cannot say
 * gets the built-in table's entry for the name: the window and reply budget of a known model are
 * the same in every region, so the region passed only picks a profile nobody reads here.
 */
async function resolvedForLimits(
  runner: ChatRunner,
  model: string | undefined,
): Promise<Pick<ResolvedModel, 'info'> | undefined> {
  if (runner.resolveModel) return runner.resolveModel(model);
  return model === undefined ? undefined : resolveModel(model, DEFAULT_REGION);
}

/**
 * Loads the history, applies stored model and system prompt, fits the request to the window, and
 * rehearses the write that will store the turn.
 */
export async function prepareTurn(options: SendPromptOptions): Promise<PreparedTurn> {
  // The chat options are checked before anything reads them (the model picks the context window).
  parseChatOptions(options);
  const { store, conversationId, runner: _runner, prompt: promptInput, save = true, ...rest } = options;
  const asked = promptMessage(promptInput);
  if (conversationId !== undefined && store === undefined) {
    throw invalid(
      'A conversation id needs a conversation store.',
      'Drop --no-save to continue a conversation.',
    );
  }
  const loaded =
    conversationId === undefined || store === undefined
      ? undefined
      : await loadConversation(store, conversationId);
  if (loaded && options.expectedPosition !== undefined && options.expectedPosition !== loaded.messageCount) {
    throw conversationConflict({
      conversationId: loaded.id,
      expectedPosition: options.expectedPosition,
      actualPosition: loaded.messageCount,
    });
  }
  if (loaded && loaded.messageCount % 2 !== 0) {
    throw invalid(
      `Conversation ${loaded.id} ends with a user message that has no reply, so it cannot be continued.`,
      'Start a new conversation, or export it and import a corrected copy.',
    );
  }
  let prompt = answerPendingCalls(loaded?.messages.at(-1), asked);
  const system = options.system ?? loaded?.system ?? undefined;
  const model = options.model ?? (loaded ? continuedModel(loaded.model, loaded.messages) : undefined);
  const limits = contextLimitsFor(await resolvedForLimits(options.runner, model), options.maxTokens);
  // As stored: files by reference, read below only for the messages the trim keeps.
  const history = (loaded?.messages ?? []).map(({ role, content }) => ({ role, content }));
  if (typeof promptInput !== 'string') {
    prompt = { ...prompt, content: [...withUniqueDocumentNames(prompt.content, history)] };
  }
  const fitted = fitToContextWindow({
    history,
    prompt,
    system,
    contextWindowTokens: options.contextWindowTokens ?? limits.contextWindowTokens,
    maxTokens: limits.maxTokens,
  });
  // The history's files come back from the store here, once each, and only when it is sent.
  const messages: Message[] =
    store === undefined ? [prompt] : await hydrateMessages(fitted.messages, store.blobs);
  // Before the rehearsal: a file Bedrock would refuse fails here, with its name, and nothing is written.
  if (typeof promptInput !== 'string') checkMediaLimits(messages);
  const { expectedPosition: _expected, title: _title, now: _now, ...chatOptions } = rest;
  const turn: PreparedTurn = {
    loaded,
    prompt,
    promptAt: (options.now ?? (() => new Date()))(),
    messages,
    chatOptions: { ...chatOptions, system, model },
    trimmed: fitted.trimmed,
    expectedPosition: loaded?.messageCount ?? 0,
    willSave: save && store !== undefined,
  };
  // The same inserts the save will make, rolled back (about a millisecond): a damaged page on their
  // way, a read-only file, a lock held too long or a conflict fails here, before the model is paid.
  if (turn.willSave) await store?.rehearseWrite(turnWrite(options, turn, REHEARSAL_REPLY));
  return turn;
}
