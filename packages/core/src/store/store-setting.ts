import { readConfigFile } from '../config/config-file.js';
import { resolveConfigFilePath } from '../config/config-paths.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { type DynamoStoreLocation, isDynamoStoreUrl, parseDynamoStoreUrl } from './dynamodb/dynamodb-url.js';

export { isStoreSetting } from './store-setting-text.js';

/** The variable that chooses the store, like `--store` and `config set store`. */
export const STORE_ENV = 'BEDROCK_CHAT_STORE';

/** Which store to open: the SQLite database in the data directory, or a DynamoDB table. */
export type StoreSetting =
  | { kind: 'sqlite'; source: string }
  | { kind: 'dynamodb'; url: string; location: DynamoStoreLocation; source: string };

/** Reads one store setting; `source` names it in errors (`--store`, `BEDROCK_CHAT_STORE` …). */
export function parseStoreSetting(raw: string, source: string): StoreSetting {
  const value = raw.trim();
  if (value === 'sqlite') return { kind: 'sqlite', source };
  if (!isDynamoStoreUrl(value)) {
    throw new BedrockChatError({
      code: 'CONFIG_INVALID',
      message: `${source} must be sqlite or dynamodb://<table>[?region=<region>] (got "${value.slice(0, 200)}").`,
      details: { setting: 'store', source },
    });
  }
  return { kind: 'dynamodb', url: value, location: parseDynamoStoreUrl(value), source };
}

/** The store to use: the flag, else BEDROCK_CHAT_STORE, else the config file's `store`, else SQLite. */
export function resolveStoreSetting(options: {
  flag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  configFile?: string | undefined;
}): StoreSetting {
  if (options.flag !== undefined) return parseStoreSetting(options.flag, '--store');
  const fromEnv = options.env[STORE_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseStoreSetting(fromEnv, STORE_ENV);
  if (options.configFile !== undefined)
    return parseStoreSetting(options.configFile, 'store in the config file');
  return { kind: 'sqlite', source: 'default' };
}

/**
 * resolveStoreSetting with the config file read from where `bedrock-chat config` writes it
 * (BEDROCK_CHAT_CONFIG, BEDROCK_CHAT_HOME …): what the CLI and the MCP server open.
 */
export async function resolveConfiguredStore(options: {
  flag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
}): Promise<StoreSetting> {
  // The file is read only when neither the flag nor the variable decides.
  if (options.flag !== undefined || options.env[STORE_ENV]?.trim()) return resolveStoreSetting(options);
  const config = await readConfigFile(resolveConfigFilePath({ env: options.env }));
  return resolveStoreSetting({ ...options, configFile: config.store });
}
