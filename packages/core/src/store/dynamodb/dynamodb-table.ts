import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { toDynamoStoreError } from './dynamodb-errors.js';

/** What the store's table looks like: a string partition key `pk` and sort key `sk`, nothing else. */
export async function createStoreTable(options: {
  client: DynamoDBClient;
  table: string;
  region: string;
}): Promise<'created' | 'exists'> {
  const { client, table, region } = options;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        // On-demand: no capacity to plan, and no throttling below the table's on-demand limits.
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ResourceInUseException') return 'exists';
    throw toDynamoStoreError(error, { table, region });
  }
  await waitUntilTableExists({ client, maxWaitTime: 120, minDelay: 1, maxDelay: 5 }, { TableName: table });
  return 'created';
}

/** The table's status (`ACTIVE` when usable), or a coded error (missing table, credentials …). */
export async function describeStoreTable(options: {
  client: DynamoDBClient;
  table: string;
  region: string;
}): Promise<{ status: string; billing: string }> {
  try {
    const { Table } = await options.client.send(new DescribeTableCommand({ TableName: options.table }));
    return {
      status: Table?.TableStatus ?? 'UNKNOWN',
      billing: Table?.BillingModeSummary?.BillingMode ?? 'PROVISIONED',
    };
  } catch (error) {
    throw toDynamoStoreError(error, options);
  }
}

/**
 * The IAM policy the store needs on its table: the item actions it runs (a transaction's actions
 * are authorised as PutItem, UpdateItem, DeleteItem: "Using IAM with DynamoDB transactions"),
 * DescribeTable for `doctor`, CreateTable for `store init` only, and Scan for `conversations
 * export --all` only (finding every owner of a whole store; nothing else scans).
 */
export function storeIamPolicy(options: { table: string; region: string }): string {
  const resource = `arn:aws:dynamodb:${options.region}:*:table/${options.table}`;
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'BedrockChatConversations',
        Effect: 'Allow',
        Action: [
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:DeleteItem',
          // A turn's transaction counts its references to files (an Update action).
          'dynamodb:UpdateItem',
          'dynamodb:Query',
          'dynamodb:BatchWriteItem',
          // A long import claims its id in a transaction that checks META is absent: "For the
          // ConditionCheck action, you can use the dynamodb:ConditionCheckItem permission"
          // (DynamoDB Developer Guide, "Using IAM with DynamoDB transactions").
          'dynamodb:ConditionCheckItem',
          'dynamodb:DescribeTable',
        ],
        Resource: resource,
      },
      { Sid: 'BedrockChatStoreInit', Effect: 'Allow', Action: ['dynamodb:CreateTable'], Resource: resource },
      { Sid: 'BedrockChatExportAll', Effect: 'Allow', Action: ['dynamodb:Scan'], Resource: resource },
    ],
  };
  return JSON.stringify(policy, null, 2);
}
