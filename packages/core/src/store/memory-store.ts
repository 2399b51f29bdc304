import { formatConversation, parseConversationExport } from './conversation-export.js';
import { generateConversationId, parseConversationId } from './conversation-id.js';
import type { Conversation, ConversationWithMessages, StoredMessage } from './conversation-schemas.js';
import type {
  AppendMessagesInput,
  ConversationPage,
  ConversationStore,
  CreateConversationInput,
  ExportFormat,
  ImportOptions,
  ListConversationsOptions,
  StoreWrite,
} from './conversation-store.js';
import { comesAfter, decodeCursor, encodeCursor, roundUsd } from './list-paging.js';
import { searchWords, textMatches } from './search-terms.js';
import { conversationConflict, conversationIdTaken, conversationNotFound } from './store-errors.js';
import {
  messageTotals,
  newConversation,
  newStoredMessage,
  type ParsedAppendInput,
  type ParsedNewMessage,
  parseAppendInput,
  parseCreateInput,
  parseListOptions,
  parseTitle,
  searchableText,
} from './store-input.js';
import { LOCAL_PRINCIPAL, parsePrincipal } from './store-owner.js';

export interface MemoryStoreOptions {
  now?: () => Date;
  generateId?: () => string;
}

function toStored(message: ParsedNewMessage, position: number, now: Date): StoredMessage {
  return structuredClone(newStoredMessage(message, position, now));
}

function summary({ messages: _messages, ...conversation }: ConversationWithMessages): Conversation {
  return structuredClone(conversation);
}

const position = (conversation: Conversation) => ({
  updatedAtMs: Date.parse(conversation.updatedAt),
  id: conversation.id,
});

/**
 * A `ConversationStore` in a Map: for tests, `--no-save`-like sessions and library users who keep
 * history themselves. Values are cloned in and out so callers cannot change stored state. Scoped to
 * LOCAL_PRINCIPAL; `forOwner` views share the Map.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): ConversationStore {
  return memoryView(new Map(), LOCAL_PRINCIPAL, options);
}

function memoryView(
  conversations: Map<string, ConversationWithMessages>,
  owner: string,
  options: MemoryStoreOptions,
): ConversationStore {
  const now = options.now ?? (() => new Date());
  const generateId = options.generateId ?? generateConversationId;

  /** Another owner's conversation is not found, exactly like one that does not exist. */
  function find(conversationId: string): ConversationWithMessages {
    const conversation = conversations.get(parseConversationId(conversationId));
    if (!conversation || conversation.owner !== owner) throw conversationNotFound(conversationId);
    return conversation;
  }

  /** Finds the conversation an append goes to and checks that it is still where the caller saw it. */
  function appendTarget(parsed: ParsedAppendInput): ConversationWithMessages {
    const conversation = find(parsed.conversationId);
    if (conversation.messageCount !== parsed.expectedPosition) {
      throw conversationConflict({
        conversationId: conversation.id,
        expectedPosition: parsed.expectedPosition,
        actualPosition: conversation.messageCount,
      });
    }
    return conversation;
  }

  function insert(conversation: ConversationWithMessages): Conversation {
    conversations.set(conversation.id, structuredClone(conversation));
    return summary(conversation);
  }

  return {
    owner,

    forOwner(principal: string) {
      return memoryView(conversations, parsePrincipal(principal), options);
    },

    async create(input: CreateConversationInput) {
      const parsed = parseCreateInput(input);
      const conversation = structuredClone(newConversation(parsed, { id: generateId(), owner }, now()));
      insert(conversation);
      return structuredClone(conversation);
    },

    async get(conversationId) {
      return structuredClone(find(conversationId));
    },

    async list(listOptions?: ListConversationsOptions): Promise<ConversationPage> {
      const { limit, cursor, search } = parseListOptions(listOptions);
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const words = search === undefined ? undefined : searchWords(search);
      const matching = [...conversations.values()]
        .filter((conversation) => conversation.owner === owner)
        .filter((conversation) => after === undefined || comesAfter(position(conversation), after))
        .filter(
          (conversation) =>
            words === undefined ||
            conversation.messages.some((message) => textMatches(searchableText(message), words)),
        )
        .sort((a, b) => (comesAfter(position(a), position(b)) ? 1 : -1));
      const page = matching.slice(0, limit).map(summary);
      const last = page.at(-1);
      const nextCursor = matching.length > limit && last ? encodeCursor(position(last)) : null;
      return { conversations: page, nextCursor };
    },

    async appendMessages(input: AppendMessagesInput) {
      const parsed = parseAppendInput(input);
      const conversation = appendTarget(parsed);
      const time = now();
      const totals = messageTotals(parsed.messages);
      parsed.messages.forEach((message, offset) => {
        conversation.messages.push(toStored(message, parsed.expectedPosition + offset, time));
      });
      conversation.messageCount = conversation.messages.length;
      conversation.updatedAt = time.toISOString();
      conversation.inputTokens += totals.inputTokens;
      conversation.outputTokens += totals.outputTokens;
      conversation.costUsd = roundUsd(conversation.costUsd + totals.costUsd);
      if (parsed.model !== undefined) conversation.model = parsed.model;
      if (parsed.system !== undefined) conversation.system = parsed.system;
      return summary(conversation);
    },

    async rehearseWrite(write: StoreWrite) {
      // Everything create and appendMessages check before they change the Map.
      if (write.kind === 'create') parseCreateInput(write.input);
      else appendTarget(parseAppendInput(write.input));
    },

    async rename(conversationId, title) {
      const conversation = find(conversationId);
      conversation.title = parseTitle(title);
      return summary(conversation);
    },

    async delete(conversationId) {
      conversations.delete(find(conversationId).id);
    },

    async export(conversationId, format: ExportFormat) {
      return formatConversation(find(conversationId), format, now());
    },

    async import(document: unknown, importOptions: ImportOptions = {}) {
      const { conversation } = parseConversationExport(document);
      conversation.owner = owner;
      // An id another owner holds is taken too: ids are unique across the store.
      if (conversations.has(conversation.id)) {
        if (importOptions.onExistingId !== 'new-id') throw conversationIdTaken(conversation.id);
        conversation.id = generateId();
      }
      return insert(conversation);
    },

    async close() {
      conversations.clear();
    },
  };
}
