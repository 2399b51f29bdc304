import { randomBytes } from 'node:crypto';
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { hydrateMessages } from '../blob-blocks.js';
import { blobRefOf } from '../blob-store.js';
import { createConversationIdGenerator } from '../conversation-id.js';
import type { ConversationExport, NewMessage } from '../conversation-schemas.js';
import { createMemoryStore } from '../memory-store.js';
import { describeConversationStore, turn } from '../store-contract.js';
import { blobKey } from './dynamodb-blobs.js';
import { type DynamoSender, dynamoClientConfig } from './dynamodb-client.js';
import { openDynamoStore } from './dynamodb-open.js';
import { storeIamPolicy } from './dynamodb-table.js';
import { useDynamoLocal } from './use-dynamo-local.js';

const local = useDynamoLocal();

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

  it('reads items written before the prompt-cache totals with them at 0 (and each reply’s saving null)', async () => {
    const table = await local.createTable();
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
    const created = await store.create({ title: 'Old', messages: turn('Q', 'A') });
    // Take the new fields out of every summary and message body, as an older build wrote them.
    const client = new DynamoDBClient(dynamoClientConfig({ region: 'us-east-1', env: local.env }));
    const { Items = [] } = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    const strip = (json: string) => {
      const {
        cacheReadInputTokens: _r,
        cacheWriteInputTokens: _w,
        cacheSavedUsd: _s,
        ...rest
      } = JSON.parse(json);
      return JSON.stringify(rest);
    };
    for (const item of Items) {
      if (item.summary?.S) item.summary = { S: strip(item.summary.S) };
      if (item.body?.B) item.body = { B: Buffer.from(strip(Buffer.from(item.body.B).toString('utf8'))) };
      await client.send(new PutItemCommand({ TableName: table, Item: item }));
    }
    client.destroy();
    const loaded = await store.get(created.id);
    expect(loaded).toMatchObject({ cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheSavedUsd: 0 });
    expect(loaded.messages.map((message) => message.cacheSavedUsd)).toEqual([null, null]);
    expect((await store.list()).conversations[0]).toMatchObject({
      cacheReadInputTokens: 0,
      cacheSavedUsd: 0,
    });
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

  it('takes a deleted conversation’s files with it in its transaction: a crash right after leaves no readable file, nor a count too high', async () => {
    const table = await local.createTable();
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
    const shared = Buffer.from('a file two conversations attach');
    const own = Buffer.from('a file only the deleted conversation attaches');
    const doomed = await store.create({ title: 'Doomed', messages: withImage('Mine', shared, own) });
    await store.appendMessages({
      conversationId: doomed.id,
      expectedPosition: 2,
      messages: withImage('Again', shared),
    });
    const kept = await store.create({ title: 'Kept', messages: withImage('Also', shared) });
    // The process dies right after the delete's transaction: no write after it happens.
    const client = new DynamoDBClient(dynamoClientConfig({ region: 'us-east-1', env: local.env }));
    let committed = false;
    const dying = {
      send: async (command: Parameters<DynamoSender['send']>[0]) => {
        if (committed) throw new Error('the process died');
        const result = await client.send(command);
        if (command instanceof TransactWriteItemsCommand) committed = true;
        return result;
      },
    } as DynamoSender;
    const crashing = openDynamoStore({ url: `dynamodb://${table}`, env: local.env, client: dying });
    await expect(crashing.delete(doomed.id)).rejects.toThrow();
    expect(committed).toBe(true);
    await expect(store.get(doomed.id)).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
    // Its own file is gone with it (only unreadable chunks stay); the shared one counts one reference.
    expect(await store.blobs.stat(blobRefOf(own).sha256)).toBeUndefined();
    await expect(store.blobs.get(blobRefOf(own).sha256)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await store.blobs.stat(blobRefOf(shared).sha256)).toEqual(blobRefOf(shared));
    const { Item: meta } = await client.send(
      new GetItemCommand({
        TableName: table,
        Key: blobKey('local', blobRefOf(shared).sha256),
        ConsistentRead: true,
      }),
    );
    expect(meta?.refCount?.N).toBe('1');
    // The last reference goes with the other conversation, items and all.
    await store.delete(kept.id);
    expect(await fileItems(table, blobRefOf(shared).sha256)).toEqual([]);
    client.destroy();
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

  /** An export of `count` messages whose texts start with `label`, one long enough to be chunked. */
  async function longExport(label: string, count: number, withFiles = false): Promise<ConversationExport> {
    const messages: NewMessage[] = Array.from({ length: count }, (_, index) => ({
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: [
        { text: `${label} ${index}${index === 7 ? 'z'.repeat(40 * 1024) : ''}` },
        // The chart at 0 and 2 (one file, two references), a 1 MiB report (chunked) at 4.
        ...(withFiles && (index === 0 || index === 2) ? [chartBlock] : []),
        ...(withFiles && index === 4 ? [reportBlock] : []),
      ],
    }));
    const memory = createMemoryStore();
    const created = await memory.create({ title: `${label} import`, messages });
    return JSON.parse(await memory.export(created.id, 'json')) as ConversationExport;
  }

  it('imports more messages than a transaction holds; two imports of one id at once store one of them, whole', async () => {
    const table = await local.createTable();
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
    const first = await longExport('A', 130);
    const second = await longExport('B', 120);
    second.conversation.id = first.conversation.id;
    const results = await Promise.allSettled([store.import(first), store.forOwner('bob').import(second)]);
    const won = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
    expect(won).toHaveLength(1);
    const lost = results.find((result) => result.status === 'rejected');
    expect(lost?.reason).toMatchObject({ code: 'CONVERSATION_CONFLICT' });
    const winner =
      won[0] === 0 ? { store, document: first } : { store: store.forOwner('bob'), document: second };
    const exported = JSON.parse(
      await winner.store.export(first.conversation.id, 'json'),
    ) as ConversationExport;
    const owner = won[0] === 0 ? 'local' : 'bob';
    expect(exported.conversation).toEqual({ ...winner.document.conversation, owner });
    // The id's claim went with the write that used it: nothing but the conversation is left.
    const items = await local.items(table);
    expect(items.filter((item) => item.sk?.S === 'IMPORT')).toEqual([]);
    await store.close();
  });

  it('takes over the id from a long import whose writer stopped 15 minutes ago, not sooner', async () => {
    let time = Date.parse('2026-12-01T10:00:00Z');
    const table = await local.createTable();
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env, now: () => new Date(time) });
    const document = await longExport('C', 100);
    // What a writer that died after claiming the id leaves behind.
    await local.client.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          pk: { S: `C#${document.conversation.id}` },
          sk: { S: 'IMPORT' },
          writeId: { S: 'died' },
          claimedAt: { N: String(time) },
        },
      }),
    );
    time += 14 * 60_000;
    const early = await store.import(document).catch((error: unknown) => error);
    expect(early).toMatchObject({
      code: 'CONVERSATION_CONFLICT',
      message: `Another import of conversation ${document.conversation.id} is in progress.`,
    });
    const copy = await store.import(document, { onExistingId: 'new-id' });
    expect(copy.id).not.toBe(document.conversation.id);
    time += 2 * 60_000;
    const imported = await store.import(document);
    expect(imported.id).toBe(document.conversation.id);
    expect((await store.get(imported.id)).messages).toHaveLength(100);
    await store.close();
  });

  const chart = Buffer.from('a chart the long import refers to twice');
  const chartBlock = { image: { format: 'png' as const, source: { bytes: chart.toString('base64') } } };
  const report = randomBytes(1024 * 1024);
  const reportBlock = {
    document: { name: 'report', format: 'pdf' as const, source: { bytes: report.toString('base64') } },
  };

  /** Each file's refCount and whether the table holds anything of the long import's id but META. */
  async function fileCounts(table: string) {
    const items = await local.items(table);
    const count = (bytes: Buffer) =>
      items.find((item) => item.pk?.S === `F#local#${blobRefOf(bytes).sha256}` && item.sk?.S === 'META')
        ?.refCount?.N;
    return {
      chart: count(chart),
      report: count(report),
      claims: items.filter((item) => item.sk?.S === 'IMPORT').length,
    };
  }

  it('a long import with files: files written first, counted once per message with META; a re-import counts them again, a delete takes them off', async () => {
    const table = await local.createTable();
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
    const document = await longExport('F', 120, true);
    const imported = await store.import(document);
    expect(await fileCounts(table)).toEqual({ chart: '2', report: '1', claims: 0 });
    const copy = await store.import(document, { onExistingId: 'new-id' });
    expect(await fileCounts(table)).toEqual({ chart: '4', report: '2', claims: 0 });
    // The id taken: refused before anything is written or counted.
    await expect(store.import(document)).rejects.toMatchObject({ code: 'CONVERSATION_CONFLICT' });
    expect(await fileCounts(table)).toEqual({ chart: '4', report: '2', claims: 0 });
    await store.delete(copy.id);
    expect(await fileCounts(table)).toEqual({ chart: '2', report: '1', claims: 0 });
    const [first, , third, , fifth] = await hydrateMessages(
      (await store.get(imported.id)).messages,
      store.blobs,
    );
    expect(first?.content[1]).toEqual(chartBlock);
    expect(third?.content[1]).toEqual(chartBlock);
    expect(fifth?.content[1]).toEqual(reportBlock);
    await store.close();
  });

  it('a long import cut off before META leaves no visible conversation and no file counted, and gives its id back', async () => {
    const table = await local.createTable();
    const client = new DynamoDBClient(dynamoClientConfig({ region: 'us-east-1', env: local.env }));
    // The first transaction claims the id; the second, META's, never reaches DynamoDB.
    let transactions = 0;
    const failing = {
      send: async (command: Parameters<DynamoSender['send']>[0]) => {
        if (command instanceof TransactWriteItemsCommand && ++transactions === 2) {
          throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
        }
        return client.send(command);
      },
    } as DynamoSender;
    const cut = openDynamoStore({ url: `dynamodb://${table}`, env: local.env, client: failing });
    const document = await longExport('G', 110, true);
    const failed = await cut.import(document).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
    expect((await store.list()).conversations).toEqual([]);
    await expect(store.get(document.conversation.id)).rejects.toMatchObject({
      code: 'CONVERSATION_NOT_FOUND',
    });
    // The files were written (idempotent, reused next time) but nothing refers to them yet.
    expect(await fileCounts(table)).toEqual({ chart: '0', report: '0', claims: 0 });
    const again = await store.import(document);
    expect(again.id).toBe(document.conversation.id);
    expect((await store.get(again.id)).messages).toHaveLength(110);
    expect(await fileCounts(table)).toEqual({ chart: '2', report: '1', claims: 0 });
    client.destroy();
    await store.close();
  });

  it('refuses a system prompt too large for one item, in the rehearsal before the model call and on create and import, writing nothing; stores one that fits', async () => {
    const table = await local.createTable();
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
    // 396 KiB: under the item limit, so DynamoDB took it, but a rename could push META over it;
    // newlines double in JSON, so 200 KiB of them take 400 KiB.
    for (const system of ['s'.repeat(396 * 1024), '\n'.repeat(200 * 1024)]) {
      const input = { title: 'Huge system', system, messages: turn('Q', 'A') };
      const refused = { code: 'INVALID_INPUT', details: { reason: 'system-too-large', max: 405_504 } };
      await expect(store.rehearseWrite({ kind: 'create', input })).rejects.toMatchObject(refused);
      await expect(store.create(input)).rejects.toMatchObject(refused);
      const memory = createMemoryStore();
      const exported = await memory.export((await memory.create(input)).id, 'json');
      await expect(store.import(exported)).rejects.toMatchObject(refused);
    }
    expect(await local.items(table)).toEqual([]);
    const fits = await store.create({
      title: 'Large system',
      system: 's'.repeat(390 * 1024),
      messages: turn('Q', 'A'),
    });
    await store.rename(fits.id, 'é'.repeat(200));
    expect((await store.get(fits.id)).system).toHaveLength(390 * 1024);
    await store.close();
  });

  it("runs only actions the IAM policy that `store init` prints allows (a transaction's parts as their own actions), Scan only for a whole-store export", async () => {
    const table = await local.createTable();
    const client = new DynamoDBClient(dynamoClientConfig({ region: 'us-east-1', env: local.env }));
    const actions = new Set<string>();
    const recording = {
      send: (command: Parameters<DynamoSender['send']>[0]) => {
        const name = command.constructor.name.replace(/Command$/, '');
        if (command instanceof TransactWriteItemsCommand) {
          // "Permissions for Put, Update, Delete … are governed by … PutItem, UpdateItem, DeleteItem";
          // ConditionCheck by dynamodb:ConditionCheckItem ("Using IAM with DynamoDB transactions").
          for (const part of command.input.TransactItems ?? []) {
            for (const kind of Object.keys(part))
              actions.add(kind === 'ConditionCheck' ? 'ConditionCheckItem' : `${kind}Item`);
          }
        } else actions.add(name);
        return client.send(command);
      },
    } as DynamoSender;
    const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env, client: recording });
    const created = await store.create({
      title: 'Policy',
      messages: withImage('With a file', Buffer.from('png')),
    });
    await store.rehearseWrite({
      kind: 'append',
      input: { conversationId: created.id, expectedPosition: 2, messages: turn('Q', 'A') },
    });
    await store.appendMessages({ conversationId: created.id, expectedPosition: 2, messages: turn('Q', 'A') });
    await store.rename(created.id, 'Renamed');
    await store.list();
    await store.import(await longExport('P', 100, true));
    await store.export(created.id, 'json');
    await store.delete(created.id);
    const policy = JSON.parse(storeIamPolicy({ table, region: 'us-east-1' })) as {
      Statement: { Sid: string; Action: string[] }[];
    };
    const allowed = (sid: string) =>
      policy.Statement.find((statement) => statement.Sid === sid)?.Action ?? [];
    const used = [...actions].map((action) => `dynamodb:${action}`);
    expect(used.filter((action) => !allowed('BedrockChatConversations').includes(action))).toEqual([]);
    actions.clear();
    await store.owners();
    expect([...actions]).toEqual(['Scan']);
    expect(allowed('BedrockChatExportAll')).toEqual(['dynamodb:Scan']);
    client.destroy();
    await store.close();
  });
});
