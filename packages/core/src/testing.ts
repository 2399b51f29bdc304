/**
 * `@bedrock-chat/core/testing`: the ConversationStore contract as a vitest suite, for anyone
 * writing a store of their own. Needs vitest (an optional peer dependency); nothing else loads it.
 *
 * ```ts
 * describeConversationStore('my store', async () => ({ store: await openMyStore(), advance }));
 * ```
 */

export {
  type ContractContext,
  describeConversationStore,
  type StoreCapabilities,
  turn,
} from './store/store-contract.js';
