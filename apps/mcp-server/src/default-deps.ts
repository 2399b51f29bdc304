import { type ChatClient, createChatClient } from '@bedrock-chat/core';
import { openSqliteStore, type SqliteConversationStore } from '@bedrock-chat/core/sqlite';
import type { ServerConfig } from './config/server-config.js';
import type { Logger, ServerDeps } from './server-deps.js';

export interface DefaultDeps extends ServerDeps {
  store: SqliteConversationStore;
  client: ChatClient;
  close(): Promise<void>;
}

/**
 * The real dependencies: the SQLite store the CLI uses (BEDROCK_CHAT_HOME or the platform data
 * directory) and a Bedrock client configured like the CLI's (environment, `.env`, config file, AWS
 * profile chain). No credential ever comes from an MCP request.
 */
export function createDefaultDeps(options: {
  config: ServerConfig;
  env?: Readonly<Record<string, string | undefined>>;
  log: Logger;
}): DefaultDeps {
  const store = openSqliteStore({ env: options.env });
  const client = createChatClient({ env: options.env });
  return {
    store,
    client,
    runner: client,
    config: options.config,
    defaultModel: async () => (await client.config()).model.value,
    log: options.log,
    async close() {
      client.close();
      await store.close();
    },
  };
}
