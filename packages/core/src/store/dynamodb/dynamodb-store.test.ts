import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationIdGenerator } from '../conversation-id.js';
import { describeConversationStore, turn } from '../store-contract.js';
import { type DynamoLocal, startDynamoLocal } from './dynamodb-local.js';
import { openDynamoStore } from './dynamodb-open.js';

let local: DynamoLocal;
beforeAll(async () => {
  local = await startDynamoLocal();
}, 60_000);
afterAll(async () => {
  await local?.stop();
});

describeConversationStore(
  'DynamoDB store (DynamoDB Local)',
  async () => {
    let time = Date.parse('2025-01-01T00:00:00Z');
    const table = await local.createTable();
    const store = openDynamoStore({
      url: `dynamodb://${table}`,
      env: local.env,
      now: () => new Date(time),
      generateId: createConversationIdGenerator({ now: () => time }),
    });
    return {
      store,
      advance: (ms) => {
        time += ms;
      },
    };
  },
  { search: false },
);

describe('DynamoDB store', () => {
  it('stores a message larger than an item can hold, across chunks, and reads it back whole', async () => {
    const table = await local.createTable();
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
    const big = 'x'.repeat(900 * 1024);
    const created = await store.create({ title: 'Big', messages: turn('Short question', big) });
    const longer = await store.appendMessages({
      conversationId: created.id,
      expectedPosition: 2,
      messages: turn(`é${'y'.repeat(500 * 1024)}`, 'ok'),
    });
    expect(longer.messageCount).toBe(4);
    const loaded = await store.get(created.id);
    expect(loaded.messages[1]?.content).toEqual([{ text: big }]);
    expect(loaded.messages[2]?.content).toEqual([{ text: `é${'y'.repeat(500 * 1024)}` }]);
    await store.delete(created.id);
    expect((await store.list()).conversations).toEqual([]);
    await store.close();
  });

  it('says the table is missing, with the store init hint, on the rehearsal before a turn', async () => {
    const store = openDynamoStore({ url: 'dynamodb://no-such-table', env: local.env });
    const error = await store
      .rehearseWrite({ kind: 'create', input: { title: 'x', messages: turn('q', 'a') } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: 'The DynamoDB table no-such-table in us-east-1 does not exist.',
      hint: expect.stringContaining('bedrock-chat store init'),
      details: { reason: 'table-missing' },
    });
    await store.close();
  });

  it('lets exactly one of many concurrent writers continue a conversation', async () => {
    const table = await local.createTable();
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
    const created = await store.create({ title: 'Race', messages: turn('A?', 'A.') });
    const writers = Array.from({ length: 8 }, (_, index) =>
      store.forOwner('local').appendMessages({
        conversationId: created.id,
        expectedPosition: 2,
        messages: turn(`Writer ${index}?`, `Reply ${index}.`),
      }),
    );
    const results = await Promise.allSettled(writers);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const failure of lost) expect(failure.reason).toMatchObject({ code: 'CONVERSATION_CONFLICT' });
    const loaded = await store.get(created.id);
    expect(loaded.messageCount).toBe(4);
    // The winner's turn, whole: its prompt and its own reply, nobody else's.
    const prompt = loaded.messages[2]?.content[0];
    const writer = prompt && 'text' in prompt ? /^Writer (\d)\?$/.exec(prompt.text)?.[1] : undefined;
    expect(writer).toBeDefined();
    expect(loaded.messages[3]?.content).toEqual([{ text: `Reply ${writer}.` }]);
    const [listed] = (await store.list()).conversations;
    expect(listed).toEqual((({ messages: _m, ...rest }) => rest)(loaded));
    await store.close();
  });
});
