import type { ChatRunner, ConversationStore, ModelListing, ServiceTierOption } from '@bedrock-chat/core';
import type { ServerConfig } from './config/server-config.js';

/** Where the server writes diagnostics: stderr in the bin (stdout carries only JSON-RPC). */
export type Logger = (message: string) => void;

/** What `createServer` needs; everything that touches the world is injected. */
export interface ServerDeps {
  /** Shared by every connection; conversations never live in server memory. */
  store: ConversationStore;
  /** Bedrock, or a fake in tests. */
  runner: ChatRunner;
  config: ServerConfig;
  /** The model a new conversation uses when the caller names none; needed for the model allowlist. */
  defaultModel?: (() => Promise<string | undefined>) | undefined;
  /** The tier a call uses when it names none (the config file's `tier`); checked against the tier allowlist. */
  defaultServiceTier?: (() => Promise<ServiceTierOption | undefined>) | undefined;
  /**
   * The models of the configured region (core's `listModels`): cancelled by `signal`, and the
   * built-in catalogue once `timeoutMs` passes. Without it there is no `list_models` tool.
   */
  listModels?: ((request: { signal: AbortSignal; timeoutMs: number }) => Promise<ModelListing>) | undefined;
  /** Wall clock, for message timestamps. */
  now?: (() => Date) | undefined;
  /** Monotonic milliseconds, for progress throttling. */
  monotonicNow?: (() => number) | undefined;
  log?: Logger | undefined;
  /**
   * Aborted when the server shuts down and its grace period is over: a `chat` still running then
   * stops and answers that the server is shutting down (nothing saved), instead of being cut off.
   */
  stopping?: AbortSignal | undefined;
}
