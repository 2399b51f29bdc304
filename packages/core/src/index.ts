// The public API of @bedrock-chat/core. Named exports only; the SQLite store is on `./sqlite`.

// Tools and the agent loop.
export { type ChatStep, type LoopStopReason, stepMessages } from './agent/chat-step.js';
export { DEFAULT_TOOL_CONCURRENCY, DEFAULT_TOOL_TIMEOUT_MS } from './agent/run-tool-calls.js';
export {
  DEFAULT_MAX_STEPS,
  hasToolCall,
  type LoopState,
  maxSteps,
  type StopCondition,
} from './agent/stop-conditions.js';
export {
  type ApprovalDecision,
  defineTool,
  type JsonSchemaObject,
  type ToolCall,
  type ToolCallContext,
  type ToolCallOutcome,
  type ToolCallRecord,
  type ToolChoice,
  type ToolDefinition,
} from './agent/tool-definition.js';

export {
  type AttachmentBlock,
  type AttachmentInput,
  attachmentBlock,
} from './attachments/attachment-block.js';
export { formatBytes } from './attachments/attachment-errors.js';
export {
  type AttachmentFormat,
  DOCUMENT_FORMATS,
  type DocumentFormat,
  IMAGE_FORMATS,
  type ImageFormat,
  SUPPORTED_TYPES_TEXT,
} from './attachments/attachment-formats.js';
export {
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENTS,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  MAX_IMAGES,
} from './attachments/attachment-limits.js';
export { promptWithAttachments } from './attachments/attachment-prompt.js';
export { checkMediaLimits } from './attachments/check-media-limits.js';
export { documentNameFor } from './attachments/document-name.js';
export { type ImageDimensions, imageDimensions } from './attachments/image-dimensions.js';
export {
  type AttachmentSummary,
  describeAttachment,
  listAttachments,
} from './attachments/list-attachments.js';
export {
  attachmentReadError,
  type FileIdentity,
  type ReadAttachmentOptions,
  readAttachment,
  readAttachmentBytes,
} from './attachments/read-attachment.js';
export { type ChatClient, type ChatClientOptions, createChatClient } from './client/chat-client.js';
export { ChatOptionsSchema, parseChatOptions } from './client/chat-options.js';
export type {
  ChatOptions,
  ChatResult,
  ChatRunner,
  ChatStreamEvent,
  ReplyCitation,
  ReportSource,
} from './client/chat-types.js';
export {
  chat,
  chatComplete,
  chatObject,
  chatStream,
  getDefaultChatClient,
} from './client/default-client.js';
export type { ObjectOptions, ObjectResult, ObjectStreamEvent } from './client/object-types.js';
export type { AwsProfileInfo, AwsProfileReader } from './config/aws-profile.js';
export { isAwsRegion } from './config/aws-regions.js';
export { resolveCacheDir } from './config/cache-dir.js';
export { chainRoleName } from './config/choose-credentials.js';
export {
  CONFIG_KEYS,
  type ConfigFile,
  type ConfigFileEntries,
  type ConfigFileProblem,
  ConfigFileSchema,
  type ConfigKey,
  readConfigFile,
  readConfigFileEntries,
  writeConfigFile,
  writeConfigFileEntries,
} from './config/config-file.js';
export { resolveConfigFilePath } from './config/config-paths.js';
export type {
  ConfigSource,
  CredentialKind,
  CredentialsInfo,
  Sourced,
} from './config/config-types.js';
export { type DotEnvResult, readDotEnv, readEnvFile } from './config/dotenv.js';
export { missingProfileError } from './config/missing-profile.js';
export {
  type ConfigOptions,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_REGION,
  DEFAULT_TIMEOUT_MS,
  type ResolvedConfig,
  resolveConfig,
} from './config/resolve-config.js';
export {
  MAX_STEPS_LIMIT,
  parseSettingText,
  SETTING_EXPECTED,
  type SettingKey,
  type SettingTextOptions,
} from './config/settings.js';
export { BedrockChatError, type BedrockChatErrorOptions } from './errors/bedrock-chat-error.js';
export {
  categoryOf,
  ERROR_CATEGORIES,
  ERROR_CODES,
  type ErrorCategory,
  type ErrorCode,
} from './errors/error-codes.js';
export { type ErrorContext, mapBedrockError } from './errors/map-bedrock-error.js';
export { redactSecrets, secretFlagValues } from './errors/redact-secrets.js';
export { makeDirectory } from './files/make-directory.js';
export { writeFileAtomically } from './files/write-file-atomically.js';
export {
  type CachePointBlock,
  CachePointBlockSchema,
  type Citation,
  type CitationsContentBlock,
  CitationsContentBlockSchema,
  type ContentBlock,
  ContentBlockSchema,
  type DocumentBlock,
  DocumentBlockSchema,
  type ImageBlock,
  ImageBlockSchema,
  type ReasoningBlock,
  ReasoningBlockSchema,
  type TextBlock,
  TextBlockSchema,
  type ToolResultBlock,
  ToolResultBlockSchema,
  type ToolUseBlock,
  ToolUseBlockSchema,
} from './messages/content-block-schemas.js';
export {
  assistantMessage,
  messageReasoning,
  messageText,
  toSystemBlocks,
  userMessage,
} from './messages/message-builders.js';
export {
  type InferenceConfig,
  InferenceConfigSchema,
  type Message,
  MessageSchema,
  MessagesSchema,
  type Role,
  RoleSchema,
  type StopReason,
  StopReasonSchema,
  type SystemBlock,
  SystemBlockSchema,
  type SystemPrompt,
  SystemPromptSchema,
  type Usage,
  UsageSchema,
} from './messages/message-schemas.js';
export {
  CATALOGUE_CACHE_MAX_AGE_MS,
  type CatalogueCacheOptions,
  catalogueCachePath,
  readCachedCatalogue,
  writeCachedCatalogue,
} from './models/catalogue-cache.js';
export {
  type CacheWriteSplit,
  type CostOptions,
  estimateCostUsd,
  type ServedPricing,
} from './models/estimate-cost.js';
export {
  builtInModelListing,
  type ControlPlaneSender,
  type ListedModel,
  type ListModelsOptions,
  listModels,
  type ModelListing,
  modelsMissingFromTable,
  servedModelsOf,
} from './models/list-models.js';
export {
  DEFAULT_MODEL_ALIAS,
  FAMILY_ALIASES,
  findModelByBaseId,
  MODEL_CATALOG,
} from './models/model-catalog.js';
export {
  CACHE_TTLS,
  type CacheTtl,
  EFFORT_LEVELS,
  type EffortLevel,
  GEOGRAPHY_PREFIXES,
  type GeographyPrefix,
  LATENCY_MODES,
  type LatencyMode,
  type LatencyOptimizedSupport,
  MODEL_FAMILIES,
  type ModelApi,
  type ModelFamily,
  type ModelInfo,
  type ModelPrices,
  type PaidServiceTier,
  type PromptCacheSupport,
  type SamplingSupport,
  SERVICE_TIERS,
  type ServedServiceTier,
  type ServiceTierOption,
  type ThinkingSupport,
} from './models/model-info.js';
export { continuedModel, pinnedModel } from './models/pinned-model.js';
export {
  geographyPrefixesForRegion,
  inferenceProfileFor,
  isUnknownModel,
  type ModelIdKind,
  type ResolvedModel,
  resolveModel,
} from './models/resolve-model.js';
export {
  isServed,
  type ServedModel,
  ServedModelSchema,
  type ServedModels,
  ServedModelsSchema,
} from './models/served-models.js';
export { SERVICE_TIER_PRICE_MULTIPLIER } from './models/service-tiers.js';
export {
  type CompiledOutputSchema,
  compileOutputSchema,
  type OutputSchema,
} from './output/output-schema.js';
export type { ChatDefaults, ThinkingOption } from './request/chat-request.js';
export { type ChatInput, normaliseMessages } from './request/normalise-messages.js';
// Conversation store (interface, in-memory store, export) and the prompt → reply → store flow.
export {
  type AppendMessagesInput,
  type BlobReader,
  type BlobRef,
  BlobRefSchema,
  type BlobStore,
  blobRefOf,
  CONVERSATION_EXPORT_FORMAT,
  CONVERSATION_EXPORT_VERSION,
  CONVERSATION_ID_PATTERN,
  type ContextTrim,
  type Conversation,
  type ConversationExport,
  ConversationExportSchema,
  type ConversationPage,
  ConversationSchema,
  type ConversationStore,
  type ConversationWithMessages,
  ConversationWithMessagesSchema,
  type CreateConversationInput,
  contextLimitsFor,
  conversationIdTime,
  conversationToMarkdown,
  createConversationIdGenerator,
  createMemoryStore,
  DATABASE_FILE_NAME,
  DEFAULT_CONTEXT_WINDOW_TOKENS,
  type ExportFileDocument,
  type ExportFormat,
  estimateMessageTokens,
  estimateTextTokens,
  exportAllConversations,
  type FitToContextWindowOptions,
  fitToContextWindow,
  formatExportLine,
  generateConversationId,
  hydrateMessages,
  type ImportOptions,
  type ImportOutcome,
  importConversations,
  isConversationId,
  isStoreSetting,
  type ListConversationsOptions,
  LOCAL_PRINCIPAL,
  type MemoryStoreOptions,
  markUnchanged,
  NamedPrincipalSchema,
  type NewMessage,
  NewMessageSchema,
  NON_TEXT_BLOCK_TOKENS,
  NOTHING_SAVED,
  PrincipalSchema,
  type PromptStreamEvent,
  parseConversationExport,
  parseConversationId,
  parsePrincipal,
  parseStoreSetting,
  resolveConfiguredStore,
  resolveDatabasePath,
  resolveDataDir,
  resolveStoreSetting,
  type SendPromptOptions,
  type SendPromptResult,
  STEPS_SAVED,
  STORE_ENV,
  type StoredContentBlock,
  StoredContentBlockSchema,
  type StoredMessage,
  StoredMessageSchema,
  type StoreSetting,
  type StoreWrite,
  sendPrompt,
  splitExportDocuments,
  splitExportFile,
  streamPrompt,
  type TurnSummary,
  titleFromPrompt,
  toConversationExport,
  turnSummary,
} from './store/index.js';
export { bedrockClientConfig, type ConverseSender } from './transport/converse/bedrock-runtime-client.js';
export { buildConverseInput } from './transport/converse/build-converse-input.js';
