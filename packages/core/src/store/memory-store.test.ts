import { createConversationIdGenerator } from './conversation-id.js';
import { createMemoryStore } from './memory-store.js';
import { describeConversationStore } from './store-contract.js';

describeConversationStore('memory store', async () => {
  let time = Date.parse('2025-01-01T00:00:00Z');
  const now = () => new Date(time);
  const store = createMemoryStore({ now, generateId: createConversationIdGenerator({ now: () => time }) });
  return {
    store,
    advance: (ms) => {
      time += ms;
    },
  };
});
