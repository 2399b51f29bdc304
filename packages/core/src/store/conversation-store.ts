import type { SystemPrompt } from '../messages/message-schemas.js';
import type { BlobStore } from './blob-store.js';
import type { Conversation, ConversationWithMessages, NewMessage } from './conversation-schemas.js';

export interface CreateConversationInput {
  title: string;
  model?: string | null | undefined;
  system?: SystemPrompt | null | undefined;
  /** Stored in the same transaction as the conversation: it exists with all of them or not at all. */
  messages?: NewMessage[] | undefined;
}

export interface AppendMessagesInput {
  conversationId: string;
  /**
   * The number of messages the caller loaded. If the conversation has moved on since (another
   * process appended), nothing is written and CONVERSATION_CONFLICT is thrown.
   */
  expectedPosition: number;
  /** One or more messages; roles must keep alternating (user at even positions, assistant at odd). */
  messages: NewMessage[];
  /** When given, becomes the conversation's model from now on; undefined keeps it. */
  model?: string | null | undefined;
  /** When given, becomes the conversation's system prompt from now on; null removes it. */
  system?: SystemPrompt | null | undefined;
}

export interface ListConversationsOptions {
  /** Page size, 1–500; default 50. */
  limit?: number | undefined;
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
  /**
   * Keeps conversations with a message containing every word (whole words, ignoring case and
   * accents). Titles are not searched.
   */
  search?: string | undefined;
}

export interface ConversationPage {
  /** Most recently used first (`updatedAt` descending, then id descending). */
  conversations: Conversation[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export type ExportFormat = 'json' | 'markdown';

/** A write a turn makes: a new conversation with its messages, or an append to one. */
export type StoreWrite =
  | { kind: 'create'; input: CreateConversationInput }
  | { kind: 'append'; input: AppendMessagesInput };

export interface ImportOptions {
  /**
   * What to do when the document's id is already in the store: `fail` (default) throws
   * CONVERSATION_CONFLICT; `new-id` imports it as a copy under a fresh id.
   */
  onExistingId?: 'fail' | 'new-id' | undefined;
}

/**
 * Where conversations live, as one owner sees them. Every method is async so a remote store can
 * implement it; the SQLite store is synchronous underneath. Ids are validated
 * (INVALID_CONVERSATION_ID); unknown ids, and ids of conversations another owner holds, throw
 * CONVERSATION_NOT_FOUND; everything read back is parsed with zod.
 *
 * A store opens scoped to LOCAL_PRINCIPAL (the CLI's and the stdio MCP server's user);
 * `forOwner(principal)` gives the same store scoped to another principal, for a server that acts
 * for several users. `create` and `import` store conversations under `owner`; `get`, `list`,
 * `appendMessages`, `rehearseWrite`, `rename`, `delete` and `export` see only `owner`'s.
 *
 * Files (image and document bytes) are stored once per owner by SHA-256 (`blobs`): a message
 * written with a file inline is stored with a reference (`{ source: { blob: { sha256, size } } }`)
 * instead, and `get` returns it so: `list`, search and `get` never read file bytes. A turn puts
 * the bytes back with `hydrateMessages(messages, store.blobs)` before sending; a JSON export
 * carries each file once. Deleting a conversation deletes the files no other conversation of
 * the owner refers to.
 */
export interface ConversationStore {
  /** The principal whose conversations this store sees and creates. */
  readonly owner: string;
  /**
   * The same store (the same connection or table) scoped to `principal` (INVALID_INPUT unless it
   * matches PrincipalSchema). Cheap: call it per request. Views share the connection, so `close`
   * on any of them closes it for all: close the store you opened, not its views.
   */
  forOwner(principal: string): ConversationStore;
  /** This owner's files, by content hash. */
  readonly blobs: BlobStore;
  create(input: CreateConversationInput): Promise<ConversationWithMessages>;
  get(conversationId: string): Promise<ConversationWithMessages>;
  list(options?: ListConversationsOptions): Promise<ConversationPage>;
  /** Appends atomically, with optimistic concurrency on `expectedPosition`. */
  appendMessages(input: AppendMessagesInput): Promise<Conversation>;
  /**
   * Runs `write` exactly as `create` or `appendMessages` would, then undoes it (the SQLite store
   * rolls its transaction back): nothing changes, and whatever the real write would throw now
   * (INVALID_INPUT, CONVERSATION_CONFLICT, STORE_CORRUPT for damage in the pages it touches,
   * STORE_UNWRITABLE) is thrown instead. A turn calls it before the model, so a reply that could
   * not be saved is never paid for.
   */
  rehearseWrite(write: StoreWrite): Promise<void>;
  /** Does not count as use: `updatedAt` stays. */
  rename(conversationId: string, title: string): Promise<Conversation>;
  delete(conversationId: string): Promise<void>;
  /** Markdown is a readable transcript; JSON is lossless and re-importable. */
  export(conversationId: string, format: ExportFormat): Promise<string>;
  /**
   * Takes a JSON export (text or parsed) and stores it with all messages and metadata, under this
   * store's `owner` whatever owner the document names (a user cannot write into another's
   * conversations by importing). To move a whole store, import each document through
   * `forOwner(document.conversation.owner)`.
   */
  import(document: unknown, options?: ImportOptions): Promise<Conversation>;
  /**
   * Every principal with a conversation in the store, sorted: store-wide, not scoped to `owner`,
   * for moving a whole store (`exportAllConversations`). Never hand it to a caller who should see
   * only their own conversations.
   */
  owners(): Promise<string[]>;
  close(): Promise<void>;
}
