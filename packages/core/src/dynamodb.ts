/**
 * `@bedrock-chat/core/dynamodb`: the DynamoDB conversation store. A subpath of its own so that
 * only programs that use it load `@aws-sdk/client-dynamodb`.
 */

export { type DynamoSender, dynamoClientConfig } from './store/dynamodb/dynamodb-client.js';
export {
  type DynamoConversationStore,
  type DynamoStoreOptions,
  openDynamoStore,
  openDynamoTableClient,
  resolveDynamoLocation,
} from './store/dynamodb/dynamodb-open.js';
export { createStoreTable, describeStoreTable, storeIamPolicy } from './store/dynamodb/dynamodb-table.js';
export {
  DYNAMODB_URL_PREFIX,
  type DynamoStoreLocation,
  isDynamoStoreUrl,
  parseDynamoStoreUrl,
} from './store/dynamodb/dynamodb-url.js';
