import { generateConversationId } from '../conversation-id.js';
import { LOCAL_PRINCIPAL } from '../store-owner.js';
import { createDynamoClient, type DynamoSender, dynamoClientConfig } from './dynamodb-client.js';
import { missingRegion } from './dynamodb-errors.js';
import { DynamoStore } from './dynamodb-store.js';
import { type DynamoStoreLocation, parseDynamoStoreUrl } from './dynamodb-url.js';

export interface DynamoStoreOptions {
  /** `dynamodb://<table>[?region=…]`, or the parsed location. */
  url: string | DynamoStoreLocation;
  /** AWS_REGION (when the URL names none) and AWS_ENDPOINT_URL_DYNAMODB; default process.env. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** A client of your own (tests, custom credentials); close() then leaves it open. */
  client?: DynamoSender | undefined;
  now?: (() => Date) | undefined;
  generateId?: (() => string) | undefined;
}

export type DynamoConversationStore = DynamoStore;

/** Where the store will go: table and region, before any call is made. */
export function resolveDynamoLocation(
  url: string | DynamoStoreLocation,
  env: Readonly<Record<string, string | undefined>>,
): { table: string; region: string } {
  const location = typeof url === 'string' ? parseDynamoStoreUrl(url) : url;
  const region = location.region ?? env.AWS_REGION;
  if (!region) throw missingRegion(location.table);
  return { table: location.table, region };
}

/**
 * The DynamoDB conversation store, scoped to LOCAL_PRINCIPAL (`forOwner` for others). Makes no
 * call: a missing table or missing credentials show on the first read or write (and a turn's
 * rehearsal, before the model is called), as a coded error with what to do.
 */
export function openDynamoStore(options: DynamoStoreOptions): DynamoConversationStore {
  const env = options.env ?? process.env;
  const { table, region } = resolveDynamoLocation(options.url, env);
  const own =
    options.client === undefined ? createDynamoClient(dynamoClientConfig({ region, env })) : undefined;
  return new DynamoStore(
    {
      table,
      region,
      client: own ?? (options.client as DynamoSender),
      now: options.now ?? (() => new Date()),
      generateId: options.generateId ?? generateConversationId,
      close: () => own?.destroy(),
    },
    LOCAL_PRINCIPAL,
  );
}

/** A client for the store's table itself (`store init`, `doctor`): table, region and the client. */
export function openDynamoTableClient(options: {
  url: string | DynamoStoreLocation;
  env?: Readonly<Record<string, string | undefined>> | undefined;
}): { table: string; region: string; client: ReturnType<typeof createDynamoClient> } {
  const env = options.env ?? process.env;
  const { table, region } = resolveDynamoLocation(options.url, env);
  return { table, region, client: createDynamoClient(dynamoClientConfig({ region, env })) };
}
