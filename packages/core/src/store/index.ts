/**
 * The conversation store's part of the root export (`@bedrock-chat/core`). Nothing here loads
 * better-sqlite3; the SQLite store is on `@bedrock-chat/core/sqlite`.
 */

export { type BlobReader, hydrateMessages } from './blob-blocks.js';
export { type BlobStore, blobRefOf } from './blob-store.js';
export {
  type ContextTrim,
  contextLimitsFor,
  DEFAULT_CONTEXT_WINDOW_TOKENS,
  estimateMessageTokens,
  estimateTextTokens,
  type FitToContextWindowOptions,
  fitToContextWindow,
  NON_TEXT_BLOCK_TOKENS,
} from './context-window.js';
export { parseConversationExport, toConversationExport } from './conversation-export.js';
export {
  CONVERSATION_ID_PATTERN,
  conversationIdTime,
  createConversationIdGenerator,
  generateConversationId,
  isConversationId,
  parseConversationId,
} from './conversation-id.js';
export {
  CONVERSATION_EXPORT_FORMAT,
  CONVERSATION_EXPORT_VERSION,
  type Conversation,
  type ConversationExport,
  ConversationExportSchema,
  ConversationSchema,
  type ConversationWithMessages,
  ConversationWithMessagesSchema,
  type NewMessage,
  NewMessageSchema,
  type StoredMessage,
  StoredMessageSchema,
} from './conversation-schemas.js';
export type {
  AppendMessagesInput,
  ConversationPage,
  ConversationStore,
  CreateConversationInput,
  ExportFormat,
  ImportOptions,
  ListConversationsOptions,
  StoreWrite,
} from './conversation-store.js';
export { titleFromPrompt } from './conversation-title.js';
export { DATABASE_FILE_NAME, resolveDatabasePath, resolveDataDir } from './data-dir.js';
export { conversationToMarkdown } from './export-markdown.js';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store.js';
export type { SendPromptOptions, SendPromptResult } from './prompt-turn.js';
export {
  markUnchanged,
  NOTHING_SAVED,
  type PromptStreamEvent,
  STEPS_SAVED,
  sendPrompt,
  streamPrompt,
} from './send-prompt.js';
export {
  LOCAL_PRINCIPAL,
  NamedPrincipalSchema,
  PrincipalSchema,
  parsePrincipal,
} from './store-owner.js';
export {
  isStoreSetting,
  parseStoreSetting,
  resolveConfiguredStore,
  resolveStoreSetting,
  STORE_ENV,
  type StoreSetting,
} from './store-setting.js';
export {
  type ExportFileDocument,
  exportAllConversations,
  formatExportLine,
  type ImportOutcome,
  importConversations,
  splitExportDocuments,
  splitExportFile,
} from './store-transfer.js';
export {
  type BlobRef,
  BlobRefSchema,
  type StoredContentBlock,
  StoredContentBlockSchema,
} from './stored-content-schemas.js';
export { type TurnSummary, turnSummary } from './turn-summary.js';
