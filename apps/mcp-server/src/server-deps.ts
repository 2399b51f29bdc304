import type { ChatRunner, ConversationStore } from '@bedrock-chat/core';
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
  /** Wall clock, for message timestamps. */
  now?: (() => Date) | undefined;
  /** Monotonic milliseconds, for progress throttling. */
  monotonicNow?: (() => number) | undefined;
  log?: Logger | undefined;
}
