import { homedir } from 'node:os';
import {
  type ChatClient,
  type ConfigOptions,
  type ConversationStore,
  createChatClient,
  listModels,
  resolveCacheDir,
  resolveConfiguredStore,
} from '@bedrock-chat/core';
import type { ServerConfig } from './config/server-config.js';
import type { Logger, ServerDeps } from './server-deps.js';

export interface DefaultDeps extends ServerDeps {
  store: ConversationStore;
  /** For the log: the database file, or the DynamoDB table and region. */
  storeDescription: string;
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
export async function createDefaultDeps(options: {
  config: ServerConfig;
  env?: Readonly<Record<string, string | undefined>>;
  envFile?: string | undefined;
  /** `--store`; else BEDROCK_CHAT_STORE, the config file's `store`, SQLite. */
  store?: string | undefined;
  log: Logger;
}): Promise<DefaultDeps> {
  const env = options.env ?? process.env;
  const setting = await resolveConfiguredStore({ flag: options.store, env });
  let store: ConversationStore;
  let storeDescription: string;
  if (setting.kind === 'dynamodb') {
    // Only this path loads the DynamoDB SDK. Several instances on one table share conversations.
    const { openDynamoStore, resolveDynamoLocation } = await import('@bedrock-chat/core/dynamodb');
    const { table, region } = resolveDynamoLocation(setting.location, env);
    store = openDynamoStore({ url: setting.location, env });
    storeDescription = `DynamoDB table ${table} in ${region}`;
  } else {
    const { openSqliteStore } = await import('@bedrock-chat/core/sqlite');
    const sqlite = openSqliteStore({ env: options.env });
    // E.g. an existing 0-byte file set up as a new store: the person reading the log should know.
    if (sqlite.notice !== undefined) options.log(sqlite.notice);
    store = sqlite;
    storeDescription = sqlite.path;
  }
  // One set of options for every Bedrock call, so chat and list_models use the same credentials.
  const configOptions: ConfigOptions = { env: options.env, dotenvDir: false, envFile: options.envFile };
  // The CLI's cached model list: list_models refreshes it, chat reads it (never the network).
  const catalogueCache = { directory: resolveCacheDir(env, process.platform, homedir()) };
  const client = createChatClient({ ...configOptions, catalogueCache });
  return {
    store,
    storeDescription,
    client,
    runner: client,
    config: options.config,
    defaultModel: async () => (await client.config()).model.value,
    defaultServiceTier: async () => (await client.config()).defaults.serviceTier,
    listModels: (request) => listModels({ ...configOptions, catalogueCache, ...request }),
    log: options.log,
    async close() {
      client.close();
      await store.close();
    },
  };
}
