import { parseDynamoStoreUrl } from './dynamodb/dynamodb-url.js';

/**
 * `sqlite`, or a valid `dynamodb://…` URL: the rule behind the `store` setting. Apart from
 * store-setting.ts, which reads the config file: the settings schemas import this.
 */
export function isStoreSetting(value: string): boolean {
  if (value.trim() === 'sqlite') return true;
  try {
    parseDynamoStoreUrl(value.trim());
    return true;
  } catch {
    return false;
  }
}
