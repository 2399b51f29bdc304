import { randomBytes } from 'node:crypto';
import { DynamoDBClient, ScanCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hydrateMessages } from '../blob-blocks.js';
import { blobRefOf } from '../blob-store.js';
import { createConversationIdGenerator } from '../conversation-id.js';
import type { NewMessage } from '../conversation-schemas.js';
import { describeConversationStore, turn } from '../store-contract.js';
import { type DynamoSender, dynamoClientConfig } from './dynamodb-client.js';
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

  /** Every item of the table whose key starts with the file's partition (a test may Scan). */
  async function fileItems(table: string, sha256: string): Promise<string[]> {
    const client = new DynamoDBClient(dynamoClientConfig({ region: 'us-east-1', env: local.env }));
    const { Items = [] } = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    client.destroy();
    return Items.filter((item) => item.pk?.S === `F#local#${sha256}`).map((item) => item.sk?.S ?? '');
  }

  const withImage = (prompt: string, ...images: Buffer[]): NewMessage[] => [
    {
      role: 'user',
      content: [
        { text: prompt },
        ...images.map((bytes) => ({
          image: { format: 'png' as const, source: { bytes: bytes.toString('base64') } },
        })),
      ],
    },
    { role: 'assistant', content: [{ text: 'ok' }] },
  ];

  it('stores a file larger than an item in chunks, once however often it comes, and reads it back', async () => {
    const table = await local.createTable();
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
    const big = randomBytes(1024 * 1024);
    const { sha256 } = blobRefOf(big);
    const first = await store.create({ title: 'Big file', messages: withImage('This', big) });
    await store.create({ title: 'Same file', messages: withImage('Again', big) });
    // META and four chunks of at most 300 KiB, written once.
    expect((await fileItems(table, sha256)).sort()).toEqual([
      'META',
      ...[0, 1, 2, 3].map((index) => expect.stringMatching(new RegExp(`^P#[0-9a-f-]{36}#000${index}$`))),
    ]);
    const [sent] = await hydrateMessages((await store.get(first.id)).messages, store.blobs);
    expect(sent?.content[1]).toEqual({ image: { format: 'png', source: { bytes: big.toString('base64') } } });
    await store.close();
  });

  it('deletes the file a losing writer wrote, keeps one the winner refers to, and leaves none after the last delete', async () => {
    const table = await local.createTable();
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
    const created = await store.create({ title: 'Race with files', messages: turn('A?', 'A.') });
    const shared = Buffer.from('a file both writers attach');
    const losers = Buffer.from('only the losing writer attaches this');
    const winners = Buffer.from('only the winning writer attaches this');
    // The losing writer's transaction runs only after the winner's whole append: deterministic.
    const client = new DynamoDBClient(dynamoClientConfig({ region: 'us-east-1', env: local.env }));
    let beforeTransaction: (() => Promise<unknown>) | undefined = () =>
      store.appendMessages({
        conversationId: created.id,
        expectedPosition: 2,
        messages: withImage('Winner', shared, winners),
      });
    const slowSender = {
      send: async (command: Parameters<DynamoSender['send']>[0]) => {
        if (command instanceof TransactWriteItemsCommand && beforeTransaction) {
          const first = beforeTransaction;
          beforeTransaction = undefined;
          await first();
        }
        return client.send(command);
      },
    } as DynamoSender;
    const loser = openDynamoStore({ url: `dynamodb://${table}`, env: local.env, client: slowSender });
    const lost = await loser
      .appendMessages({
        conversationId: created.id,
        expectedPosition: 2,
        messages: withImage('Loser', shared, losers),
      })
      .catch((caught: unknown) => caught);
    expect(lost).toMatchObject({ code: 'CONVERSATION_CONFLICT' });
    expect(await store.blobs.stat(blobRefOf(losers).sha256)).toBeUndefined();
    expect(await fileItems(table, blobRefOf(losers).sha256)).toEqual([]);
    const [, , prompt] = await hydrateMessages((await store.get(created.id)).messages, store.blobs);
    expect(prompt?.content.slice(1)).toEqual(
      [shared, winners].map((bytes) => ({
        image: { format: 'png', source: { bytes: bytes.toString('base64') } },
      })),
    );
    await store.delete(created.id);
    for (const bytes of [shared, winners])
      expect(await fileItems(table, blobRefOf(bytes).sha256)).toEqual([]);
    client.destroy();
    await store.close();
  });
});
