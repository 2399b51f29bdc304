import { type ChatClient, type ConfigOptions, createChatClient, listModels } from '@bedrock-chat/core';
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
 * directory) and a Bedrock client configured like the CLI's (environment, config file, AWS profile
 * chain), except that no `.env` is read from the working directory: MCP clients start servers
 * inside whatever project is open, and its `.env` must not choose whose account is billed. An
 * explicit `envFile` (--env-file, BEDROCK_CHAT_ENV_FILE) is read instead. No credential ever comes
 * from an MCP request.
 */
export function createDefaultDeps(options: {
  config: ServerConfig;
  env?: Readonly<Record<string, string | undefined>>;
  envFile?: string | undefined;
  log: Logger;
}): DefaultDeps {
  const store = openSqliteStore({ env: options.env });
  // E.g. an existing 0-byte file set up as a new store: the person reading the log should know.
  if (store.notice !== undefined) options.log(store.notice);
  // One set of options for every Bedrock call, so chat and list_models use the same credentials.
  const configOptions: ConfigOptions = { env: options.env, dotenvDir: false, envFile: options.envFile };
  const client = createChatClient(configOptions);
  return {
    store,
    client,
    runner: client,
    config: options.config,
    defaultModel: async () => (await client.config()).model.value,
    listModels: (request) => listModels({ ...configOptions, ...request }),
    log: options.log,
    async close() {
      client.close();
      await store.close();
    },
  };
}
