/**
 * `@bedrock-chat/core/testing`: the ConversationStore contract as a vitest suite, for anyone
 * writing a store of their own. Needs vitest (an optional peer dependency); nothing else loads it.
 *
 * ```ts
 * describeConversationStore('my store', async () => ({ store: await openMyStore(), advance }));
 * ```
 *
 * `startDynamoLocal()` runs DynamoDB Local (needs `java` and the `amplify-dynamodb-simulator`
 * package, which ships its jar) in memory on a free port, for tests against a real DynamoDB engine;
 * `useDynamoLocal()` starts one for a test file and stops it after (vitest hooks).
 */

export { type DynamoLocal, startDynamoLocal } from './store/dynamodb/dynamodb-local.js';
export { useDynamoLocal } from './store/dynamodb/use-dynamo-local.js';
export {
  type ContractContext,
  describeConversationStore,
  type StoreCapabilities,
  turn,
  withFilesInline,
} from './store/store-contract.js';
