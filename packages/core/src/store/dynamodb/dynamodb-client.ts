import {
  BatchWriteItemCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  QueryCommand,
  type QueryCommandInput,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { Item } from './dynamodb-items.js';

/** The one method of the DynamoDB client the store uses; tests may pass their own. */
export type DynamoSender = Pick<DynamoDBClient, 'send'>;

/**
 * Client options for the store: the region is the store's (never Bedrock's `-r`); the endpoint
 * is AWS_ENDPOINT_URL_DYNAMODB or DynamoDB's own. `ignoreConfiguredEndpointUrls` stops the SDK
 * from applying AWS_ENDPOINT_URL, which bedrock-chat uses for Bedrock (the SDK would otherwise take
 * it for every service: @smithy/core getEndpointUrlConfig). Credentials: the AWS default chain,
 * signed with SigV4 (DynamoDB takes no bearer token).
 */
export function dynamoClientConfig(options: {
  region: string;
  env: Readonly<Record<string, string | undefined>>;
}): DynamoDBClientConfig {
  const { env } = options;
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB;
  // Keys and the profile from the environment given (the CLI's, which may not be process.env);
  // anything else (SSO, roles, instance metadata) the SDK's default chain finds itself.
  const keys =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : env.AWS_PROFILE
        ? { profile: env.AWS_PROFILE }
        : {};
  return {
    region: options.region,
    ignoreConfiguredEndpointUrls: true,
    ...(endpoint ? { endpoint } : {}),
    ...keys,
    // Throttling and transient errors: the SDK's standard retry mode backs off (exponential,
    // with jitter) between attempts; after the last one the store reports a coded error.
    maxAttempts: 5,
    retryMode: 'standard',
  };
}

export function createDynamoClient(config: DynamoDBClientConfig): DynamoDBClient {
  return new DynamoDBClient(config);
}

/** Every item a Query finds, following its pages (a page stops at 1 MB). */
export async function queryAll(client: DynamoSender, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes or deletes items in batches of 25 (BatchWriteItem's limit), retrying what comes back unprocessed. */
export async function batchWrite(
  client: DynamoSender,
  table: string,
  requests: { put?: Item; deleteKey?: Item }[],
): Promise<void> {
  for (let start = 0; start < requests.length; start += 25) {
    let pending = requests
      .slice(start, start + 25)
      .map((request) =>
        request.put
          ? { PutRequest: { Item: request.put } }
          : { DeleteRequest: { Key: request.deleteKey ?? {} } },
      );
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt) * Math.random());
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
      if (attempt > 8 && pending.length > 0) throw new Error('DynamoDB left items unprocessed after retries');
    }
  }
}

/** Why a transaction was cancelled, per action (`None` for those that were fine). */
export type CancellationCodes = string[];

/**
 * Runs one transaction. A cancellation only because another transaction held an item
 * (`TransactionConflict`) is retried with backoff; other cancellations (a failed condition) come
 * back as their reason codes, for the caller to judge. Nothing of a cancelled transaction is written.
 */
export async function transact(
  client: DynamoSender,
  items: TransactWriteItem[],
): Promise<{ ok: true } | { ok: false; codes: CancellationCodes; items: (Item | undefined)[] }> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const codes = reasons.map((reason) => reason.Code ?? 'None');
      const conflicting = codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
      if (!conflicting || attempt >= 10) {
        return { ok: false, codes, items: reasons.map((reason) => reason.Item) };
      }
      await sleep(Math.min(500, 10 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}
