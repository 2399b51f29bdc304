import { blobRefsOf } from './blob-blocks.js';
import { type BlobStore, blobNotFound, blobRefOf } from './blob-store.js';
import { formatConversation, parseImport } from './conversation-export.js';
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
import { comesAfter, decodeCursor, encodeCursor } from './list-paging.js';
import { searchWords, textMatches } from './search-terms.js';
import { conversationConflict, conversationIdTaken, conversationNotFound } from './store-errors.js';
import {
  addTotals,
  type MessagesWithFiles,
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
  withStoredFiles,
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
  return memoryView({ conversations: new Map(), blobs: new Map() }, LOCAL_PRINCIPAL, options);
}

interface MemoryState {
  conversations: Map<string, ConversationWithMessages>;
  /** File bytes by `${owner}\n${sha256}`: one copy per owner and hash. */
  blobs: Map<string, Uint8Array>;
}

const blobKey = (owner: string, sha256: string) => `${owner}\n${sha256}`;

function memoryBlobs(state: MemoryState, owner: string): BlobStore {
  return {
    async put(bytes) {
      const ref = blobRefOf(bytes);
      const key = blobKey(owner, ref.sha256);
      if (!state.blobs.has(key)) state.blobs.set(key, Uint8Array.from(bytes));
      return ref;
    },
    async get(sha256) {
      const bytes = state.blobs.get(blobKey(owner, sha256));
      if (bytes === undefined) throw blobNotFound(sha256);
      return Uint8Array.from(bytes);
    },
    async stat(sha256) {
      const bytes = state.blobs.get(blobKey(owner, sha256));
      return bytes === undefined ? undefined : { sha256, size: bytes.length };
    },
  };
}

function memoryView(state: MemoryState, owner: string, options: MemoryStoreOptions): ConversationStore {
  const { conversations } = state;
  const blobs = memoryBlobs(state, owner);
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

  /** Files the messages refer to that neither come with them nor are stored: INVALID_INPUT. */
  function checkReferences(files: MessagesWithFiles): void {
    for (const sha256 of files.referenced) {
      if (!files.blobs.has(sha256) && !state.blobs.has(blobKey(owner, sha256))) throw blobNotFound(sha256);
    }
  }

  /** Checks, then stores the files of messages about to be written. */
  function storeFiles(files: MessagesWithFiles): void {
    checkReferences(files);
    for (const [sha256, bytes] of files.blobs) {
      const key = blobKey(owner, sha256);
      if (!state.blobs.has(key)) state.blobs.set(key, Uint8Array.from(bytes));
    }
  }

  /** After a delete: the owner's files no conversation of theirs refers to any more go too. */
  function dropOrphans(candidates: readonly string[]): void {
    const stillUsed = new Set<string>();
    for (const conversation of conversations.values()) {
      if (conversation.owner !== owner) continue;
      for (const message of conversation.messages)
        for (const ref of blobRefsOf(message.content)) stillUsed.add(ref.sha256);
    }
    for (const sha256 of candidates) if (!stillUsed.has(sha256)) state.blobs.delete(blobKey(owner, sha256));
  }

  function insert(conversation: ConversationWithMessages): Conversation {
    conversations.set(conversation.id, structuredClone(conversation));
    return summary(conversation);
  }

  return {
    owner,

    blobs,

    forOwner(principal: string) {
      return memoryView(state, parsePrincipal(principal), options);
    },

    async create(input: CreateConversationInput) {
      const parsed = parseCreateInput(input);
      const files = withStoredFiles(parsed.messages ?? []);
      storeFiles(files);
      parsed.messages = files.messages;
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
      const files = withStoredFiles(parsed.messages);
      storeFiles(files);
      parsed.messages = files.messages;
      const time = now();
      const totals = messageTotals(parsed.messages);
      parsed.messages.forEach((message, offset) => {
        conversation.messages.push(toStored(message, parsed.expectedPosition + offset, time));
      });
      conversation.messageCount = conversation.messages.length;
      conversation.updatedAt = time.toISOString();
      Object.assign(conversation, addTotals(summary(conversation), totals));
      if (parsed.model !== undefined) conversation.model = parsed.model;
      if (parsed.system !== undefined) conversation.system = parsed.system;
      return summary(conversation);
    },

    async rehearseWrite(write: StoreWrite) {
      // Everything create and appendMessages check before they change the Map.
      const parsed = write.kind === 'create' ? parseCreateInput(write.input) : parseAppendInput(write.input);
      if (write.kind === 'append') appendTarget(parseAppendInput(write.input));
      checkReferences(withStoredFiles(parsed.messages ?? []));
    },

    async rename(conversationId, title) {
      const conversation = find(conversationId);
      conversation.title = parseTitle(title);
      return summary(conversation);
    },

    async delete(conversationId) {
      const conversation = find(conversationId);
      conversations.delete(conversation.id);
      dropOrphans(
        conversation.messages.flatMap((message) => blobRefsOf(message.content).map((ref) => ref.sha256)),
      );
    },

    async export(conversationId, format: ExportFormat) {
      return formatConversation(structuredClone(find(conversationId)), format, now(), blobs);
    },

    async import(document: unknown, importOptions: ImportOptions = {}) {
      const { conversation, files: documentFiles } = parseImport(document);
      conversation.owner = owner;
      const files = withStoredFiles(conversation.messages, documentFiles);
      conversation.messages = conversation.messages.map((message, index) => ({
        ...message,
        content: files.messages[index]?.content ?? message.content,
      }));
      // An id another owner holds is taken too: ids are unique across the store.
      if (conversations.has(conversation.id)) {
        if (importOptions.onExistingId !== 'new-id') throw conversationIdTaken(conversation.id);
        conversation.id = generateId();
      }
      storeFiles(files);
      return insert(conversation);
    },

    async owners() {
      return [...new Set([...conversations.values()].map((conversation) => conversation.owner))].sort();
    },

    async close() {
      conversations.clear();
      state.blobs.clear();
    },
  };
}
