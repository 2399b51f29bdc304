import { homedir } from 'node:os';
import type {
  CatalogueCacheOptions,
  ChatClient,
  ChatClientOptions,
  ConversationStore,
  ListModelsOptions,
  ModelListing,
} from '@bedrock-chat/core';
import type { CliIo } from './cli-io.js';
import type { EarlyServers } from './mcp/early-start.js';
import type { RawToolFlags } from './mcp/tool-flags.js';

/** The signals that cancel a command; the exit code says which (exit-codes.ts). */
export const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type InterruptSignal = (typeof INTERRUPT_SIGNALS)[number];

/**
 * A store the CLI opened; `path` is set for the SQLite store (doctor reports it), and
 * `quickCheck` (doctor runs it) reads every page of its file.
 */
export type OpenedStore = ConversationStore & {
  readonly path?: string;
  /** For a store without a file (DynamoDB): its `dynamodb://…` location, as doctor reports it. */
  readonly storeUrl?: string;
  /** What chose this store, as doctor reports it: `--store`, `BEDROCK_CHAT_STORE`, `store in the config file` or `default`. */
  readonly storeSource?: string;
  quickCheck?(): Promise<string[]>;
};

export interface OpenStoreOptions {
  /**
   * For commands that only read (`conversations list`, `show`, `export`): nothing is created or
   * migrated, so they work in a read-only data directory too.
   */
  readOnly?: boolean | undefined;
  /** `--store`: wins over BEDROCK_CHAT_STORE and the config file's `store`. */
  store?: string | undefined;
}

/**
 * What commands need from the world, injected so command functions can be tested with a fake
 * ChatRunner and an in-memory store. The defaults import core lazily.
 */
export interface CliDeps {
  createChatClient(options: ChatClientOptions): Promise<ChatClient>;
  openStore(options?: OpenStoreOptions): Promise<OpenedStore>;
  listModels(options: ListModelsOptions): Promise<ModelListing>;
  /**
   * Calls `handler` on Ctrl-C (SIGINT), SIGTERM and SIGHUP until the returned function is called:
   * all three cancel through the same path, so MCP server children are ended, never orphaned.
   */
  onInterrupt(handler: (signal: InterruptSignal) => void): () => void;
  /**
   * Spawns the stdio servers of `--mcp` right after argv is parsed, before the command loads
   * (mcp/early-start.ts); absent (tests): the command starts them itself.
   */
  startServersEarly?(
    flags: RawToolFlags,
    onInterrupt: CliDeps['onInterrupt'],
  ): Promise<EarlyServers | undefined>;
}

/** Everything a command function receives. */
export interface CommandContext {
  io: CliIo;
  deps: CliDeps;
  /** --debug or BEDROCK_CHAT_DEBUG: stack traces in error output. */
  debug: boolean;
  /** --store, when given. */
  store?: string | undefined;
  /** The `--mcp` servers started while argv was parsed, for `ask` and `chat` to take over. */
  earlyServers?: EarlyServers | undefined;
}

/**
 * Bedrock's model list for the region is cached in the CLI's cache directory: `models` writes it,
 * every other command only reads it (never the network), so `ask` is never slower for it.
 */
async function catalogueCache(io: CliIo): Promise<CatalogueCacheOptions> {
  const { resolveCacheDir } = await import('@bedrock-chat/core');
  return { directory: resolveCacheDir(io.env, process.platform, homedir()) };
}

export function createDefaultDeps(io: CliIo): CliDeps {
  return {
    async createChatClient(options) {
      const { createChatClient } = await import('@bedrock-chat/core');
      return createChatClient({ catalogueCache: await catalogueCache(io), ...options });
    },
    async openStore(options = {}) {
      const { resolveConfiguredStore } = await import('@bedrock-chat/core');
      const setting = await resolveConfiguredStore({ flag: options.store, env: io.env });
      if (setting.kind === 'dynamodb') {
        // Only this path loads the DynamoDB SDK; the region is the store's, never Bedrock's -r.
        const { openDynamoStore } = await import('@bedrock-chat/core/dynamodb');
        const store: OpenedStore = openDynamoStore({ url: setting.location, env: io.env });
        return Object.assign(store, { storeUrl: setting.url, storeSource: setting.source });
      }
      // The SQLite store (a native module) loads only for commands that touch conversations.
      const { openSqliteStore } = await import('@bedrock-chat/core/sqlite');
      const store = openSqliteStore({ env: io.env, readOnly: options.readOnly });
      if (store.notice !== undefined) io.stderr.write(`note: ${store.notice}\n`);
      return Object.assign(store, { storeSource: setting.source });
    },
    async listModels(options) {
      const { listModels } = await import('@bedrock-chat/core');
      return listModels({ catalogueCache: await catalogueCache(io), ...options });
    },
    async startServersEarly(flags, onInterrupt) {
      const { startServersEarly } = await import('./mcp/early-start.js');
      return startServersEarly({ flags, io, onInterrupt });
    },
    onInterrupt(handler) {
      const listener = (signal: InterruptSignal) => handler(signal);
      for (const signal of INTERRUPT_SIGNALS) process.on(signal, listener);
      return () => {
        for (const signal of INTERRUPT_SIGNALS) process.off(signal, listener);
      };
    },
  };
}
