import { describe, expect, it } from 'vitest';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import exportV1 from './__fixtures__/export-v1.json' with { type: 'json' };
import exportV2 from './__fixtures__/export-v2.json' with { type: 'json' };
import exportV3 from './__fixtures__/export-v3.json' with { type: 'json' };
import exportV4 from './__fixtures__/export-v4.json' with { type: 'json' };
import exportV5 from './__fixtures__/export-v5.json' with { type: 'json' };
import { hydrateMessages } from './blob-blocks.js';
import {
  CONVERSATION_EXPORT_VERSION,
  type ConversationExport,
  type NewMessage,
} from './conversation-schemas.js';
import type { ConversationStore } from './conversation-store.js';
import { describeStoreFiles } from './store-contract-files.js';
import { LOCAL_PRINCIPAL } from './store-owner.js';
import {
  exportAllConversations,
  formatExportLine,
  importConversations,
  splitExportDocuments,
} from './store-transfer.js';
import type { StoredContentBlock } from './stored-content-schemas.js';

/**
 * The contract every ConversationStore keeps, as a vitest suite: `@bedrock-chat/core/testing`
 * exports it so that a store of your own (another database) can be held to the same behaviour.
 */

export interface ContractContext {
  /** A new, empty store, scoped to LOCAL_PRINCIPAL as stores open. */
  store: ConversationStore;
  /** Moves the injected clock forward. */
  advance(ms: number): void;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (BedrockChatError.isInstance(error)) return error.code;
    throw error;
  }
  throw new Error('expected a BedrockChatError');
}

/** A prompt and its reply, with the metadata a real reply carries. */
export function turn(prompt: string, reply: string): NewMessage[] {
  return [
    { role: 'user', content: [{ text: prompt }] },
    {
      role: 'assistant',
      content: [{ text: reply }],
      modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      stopReason: 'end_turn',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
      latencyMs: 120,
      costUsd: 0.000035,
    },
  ];
}

/**
 * An export document with its files put back inline in the blocks and no `files`: how versions
 * 1 to 3 held them, to compare with their fixtures.
 */
export async function withFilesInline(document: {
  conversation: { messages: { content: StoredContentBlock[] }[] };
  files: Record<string, string>;
}): Promise<object> {
  const { files, ...rest } = document;
  const reader = { get: async (sha256: string) => Buffer.from(files[sha256] ?? '', 'base64') };
  const messages = await hydrateMessages(document.conversation.messages, reader);
  return { ...rest, conversation: { ...document.conversation, messages } };
}

/**
 * An export of version 4 or before as it reads today (version 5): the cache reads its messages'
 * usage counts (none of these fixtures wrote the cache), nothing saved, each message's saving unknown.
 */
function withCacheTotals<C extends { messages: object[] }>(conversation: C, cacheReadInputTokens = 0) {
  return {
    ...conversation,
    cacheReadInputTokens,
    cacheWriteInputTokens: 0,
    cacheSavedUsd: 0,
    messages: conversation.messages.map((message) => ({ ...message, cacheSavedUsd: null })),
  };
}

/** What a store may leave out; the contract checks that it says so. */
export interface StoreCapabilities {
  /**
   * Full-text search of message bodies (`list({ search })`); default true. A store without it
   * must refuse every search with SEARCH_UNSUPPORTED, never answer with an unfiltered page.
   */
  search?: boolean | undefined;
}

/** The behaviour every ConversationStore must show; run against each implementation. */
export function describeConversationStore(
  name: string,
  setup: () => Promise<ContractContext>,
  capabilities: StoreCapabilities = {},
): void {
  const searches = capabilities.search ?? true;
  describe(`${name} (ConversationStore contract)`, () => {
    it('creates a conversation with its first turn and reads it back', async () => {
      const { store } = await setup();
      const created = await store.create({
        title: 'Capital of France',
        model: 'haiku',
        system: 'Be brief.',
        messages: turn('What is the capital of France?', 'Paris.'),
      });
      const loaded = await store.get(created.id);
      expect(loaded).toEqual(created);
      expect(loaded).toMatchObject({ title: 'Capital of France', model: 'haiku', system: 'Be brief.' });
      expect(loaded.messages.map((message) => [message.position, message.role])).toEqual([
        [0, 'user'],
        [1, 'assistant'],
      ]);
      expect(loaded.messages[1]).toMatchObject({ stopReason: 'end_turn', latencyMs: 120, costUsd: 0.000035 });
      expect(loaded).toMatchObject({ messageCount: 2, inputTokens: 10, outputTokens: 5, costUsd: 0.000035 });
      await store.close();
    });

    it('returns from create exactly what reading the conversation back gives', async () => {
      const { store } = await setup();
      const created = await store.create({
        title: '  Mixed content  ',
        model: ' sonnet ',
        system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
        messages: [
          { role: 'user', content: [{ text: 'Look:' }], createdAt: '2025-03-01T12:00:00+02:00' },
          {
            role: 'assistant',
            content: [
              { reasoningContent: { reasoningText: { text: 'Hmm.', signature: 'sig' } } },
              { text: 'Seen.' },
              { toolUse: { toolUseId: 't1', name: 'lookup', input: { q: 'x', n: [1, 2] } } },
            ],
            modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
            stopReason: 'tool_use',
            usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cacheReadInputTokens: 3 },
            latencyMs: 42,
            costUsd: 0.0001234567,
          },
          { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ json: { ok: true } }] } }] },
          { role: 'assistant', content: [{ text: 'Done.' }], usage: null, costUsd: null },
        ],
      });
      expect(await store.get(created.id)).toEqual(created);
      // Values that a database could give back differently: a lone surrogate, negative zero.
      const odd = await store.create({
        title: 'Lone \uD800 surrogate',
        model: 'model-\uDC00',
        system: 'System \uD800',
        messages: [
          { role: 'user', content: [{ text: 'Text \uD800' }] },
          { role: 'assistant', content: [{ text: 'Ok.' }], latencyMs: -0, costUsd: -0 },
        ],
      });
      expect(await store.get(odd.id)).toEqual(odd);
      const empty = await store.create({ title: 'Empty' });
      expect(await store.get(empty.id)).toEqual(empty);
    });

    it('keeps prompt-cache totals per conversation: reads, writes and what caching saved', async () => {
      const { store } = await setup();
      const cachedTurn = (
        prompt: string,
        usage: { cacheReadInputTokens?: number; cacheWriteInputTokens?: number },
        cacheSavedUsd: number,
      ): NewMessage[] => [
        { role: 'user', content: [{ text: prompt }] },
        {
          role: 'assistant',
          content: [{ text: 'ok' }],
          usage: { inputTokens: 20, outputTokens: 5, totalTokens: 25, ...usage },
          costUsd: 0.001,
          cacheSavedUsd,
        },
      ];
      // The first turn writes the cache (costs more than input), the next two read it.
      const created = await store.create({
        title: 'Cached',
        messages: cachedTurn('one', { cacheWriteInputTokens: 6000 }, -0.0015),
      });
      expect(created).toMatchObject({
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 6000,
        cacheSavedUsd: -0.0015,
      });
      await store.appendMessages({
        conversationId: created.id,
        expectedPosition: 2,
        messages: [
          ...cachedTurn('two', { cacheReadInputTokens: 6000 }, 0.0054),
          ...cachedTurn('three', { cacheReadInputTokens: 6000, cacheWriteInputTokens: 30 }, 0.005392),
        ],
      });
      const totals = {
        inputTokens: 60,
        cacheReadInputTokens: 12000,
        cacheWriteInputTokens: 6030,
        cacheSavedUsd: 0.009292,
      };
      const loaded = await store.get(created.id);
      expect(loaded).toMatchObject(totals);
      expect(loaded.messages.map((message) => message.cacheSavedUsd)).toEqual([
        null,
        -0.0015,
        null,
        0.0054,
        null,
        0.005392,
      ]);
      expect((await store.list()).conversations.find((c) => c.id === created.id)).toMatchObject(totals);
      // A turn without the cache adds nothing to them; a message without figures is null.
      await store.appendMessages({
        conversationId: created.id,
        expectedPosition: 6,
        messages: turn('four', 'ok'),
      });
      expect(await store.get(created.id)).toMatchObject({ ...totals, inputTokens: 70 });
      await store.close();
    });

    it('appends turns at the expected position and adds to the totals', async () => {
      const { store, advance } = await setup();
      const created = await store.create({ title: 'Counting', messages: turn('One?', 'One.') });
      advance(1_000);
      const after = await store.appendMessages({
        conversationId: created.id,
        expectedPosition: 2,
        messages: turn('Two?', 'Two.'),
        model: 'sonnet',
      });
      expect(after).toMatchObject({ messageCount: 4, inputTokens: 20, outputTokens: 10, model: 'sonnet' });
      expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
      const loaded = await store.get(created.id.toLowerCase());
      expect(loaded.messages.map((message) => message.content)).toEqual([
        [{ text: 'One?' }],
        [{ text: 'One.' }],
        [{ text: 'Two?' }],
        [{ text: 'Two.' }],
      ]);
      await store.close();
    });

    it('refuses a stale expected position with CONVERSATION_CONFLICT and changes nothing', async () => {
      const { store } = await setup();
      const created = await store.create({ title: 'Race', messages: turn('A?', 'A.') });
      await store.appendMessages({
        conversationId: created.id,
        expectedPosition: 2,
        messages: turn('B?', 'B.'),
      });
      const stale = store.appendMessages({
        conversationId: created.id,
        expectedPosition: 2,
        messages: turn('C?', 'C.'),
      });
      expect(await codeOf(stale)).toBe('CONVERSATION_CONFLICT');
      expect((await store.get(created.id)).messageCount).toBe(4);
      await store.close();
    });

    it('rehearses a write without changing anything, and fails a rehearsal as the write would fail', async () => {
      const { store } = await setup();
      await store.rehearseWrite({ kind: 'create', input: { title: 'Not yet', messages: turn('Q', 'A') } });
      expect((await store.list()).conversations).toEqual([]);
      const created = await store.create({ title: 'Real', messages: turn('Q', 'A') });
      const before = await store.get(created.id);
      const append = { conversationId: created.id, expectedPosition: 2, messages: turn('Q2', 'A2') };
      await store.rehearseWrite({ kind: 'append', input: append });
      expect(await store.get(created.id)).toEqual(before);
      expect((await store.list()).conversations.map((conversation) => conversation.id)).toEqual([created.id]);
      const rehearse = (write: Parameters<ConversationStore['rehearseWrite']>[0]) =>
        codeOf(store.rehearseWrite(write));
      expect(await rehearse({ kind: 'append', input: { ...append, expectedPosition: 0 } })).toBe(
        'CONVERSATION_CONFLICT',
      );
      expect(
        await rehearse({
          kind: 'append',
          input: { ...append, conversationId: '01JDQ5Z8M3X4B2N7K9P0R6S1TV' },
        }),
      ).toBe('CONVERSATION_NOT_FOUND');
      expect(await rehearse({ kind: 'create', input: { title: '  ' } })).toBe('INVALID_INPUT');
      // The real write after a rehearsal still succeeds, exactly once.
      expect((await store.appendMessages(append)).messageCount).toBe(4);
      await store.close();
    });

    it('refuses messages that break user/assistant alternation', async () => {
      const { store } = await setup();
      const created = await store.create({ title: 'Roles' });
      const wrong = store.appendMessages({
        conversationId: created.id,
        expectedPosition: 0,
        messages: [{ role: 'assistant', content: [{ text: 'I speak first' }] }],
      });
      expect(await codeOf(wrong)).toBe('INVALID_INPUT');
      await store.close();
    });

    it('tells unknown ids from malformed ones', async () => {
      const { store } = await setup();
      expect(await codeOf(store.get('01JDQ5Z8M3X4B2N7K9P0R6S1TV'))).toBe('CONVERSATION_NOT_FOUND');
      expect(await codeOf(store.get('not-an-id'))).toBe('INVALID_CONVERSATION_ID');
      expect(await codeOf(store.delete('01JDQ5Z8M3X4B2N7K9P0R6S1TV'))).toBe('CONVERSATION_NOT_FOUND');
      await store.close();
    });

    it('hints at finding the id, not at starting a conversation, when show, rename, rm or export miss', async () => {
      const { store } = await setup();
      const unknown = '01JDQ5Z8M3X4B2N7K9P0R6S1TV';
      // Called one at a time: a remote store's rejections must each have a handler when they come.
      for (const miss of [
        () => store.get(unknown),
        () => store.rename(unknown, 'New'),
        () => store.delete(unknown),
        () => store.export(unknown, 'markdown'),
      ]) {
        const error = await miss().catch((caught: unknown) => caught);
        expect(error).toMatchObject({
          code: 'CONVERSATION_NOT_FOUND',
          hint: 'List conversations to find its id.',
        });
      }
      await store.close();
    });

    it('lists by last use with stable paging', async () => {
      const { store, advance } = await setup();
      const ids: string[] = [];
      for (let index = 0; index < 5; index++) {
        ids.push(
          (await store.create({ title: `Chat ${index}`, messages: turn(`Q${index}`, `A${index}`) })).id,
        );
        advance(10);
      }
      // Using the oldest conversation makes it the most recent.
      await store.appendMessages({
        conversationId: ids[0] ?? '',
        expectedPosition: 2,
        messages: turn('again', 'ok'),
      });
      const first = await store.list({ limit: 2 });
      expect(first.conversations.map((conversation) => conversation.title)).toEqual(['Chat 0', 'Chat 4']);
      const second = await store.list({ limit: 2, cursor: first.nextCursor ?? '' });
      const third = await store.list({ limit: 2, cursor: second.nextCursor ?? '' });
      expect(second.conversations.map((conversation) => conversation.title)).toEqual(['Chat 3', 'Chat 2']);
      expect(third.conversations.map((conversation) => conversation.title)).toEqual(['Chat 1']);
      expect(third.nextCursor).toBeNull();
      expect(await codeOf(store.list({ cursor: 'garbage' }))).toBe('INVALID_INPUT');
      await store.close();
    });

    it.runIf(!searches)('refuses to search message text with SEARCH_UNSUPPORTED', async () => {
      const { store } = await setup();
      await store.create({ title: 'Dinner', messages: turn('A recipe?', 'Sure.') });
      const error = await store.list({ search: 'recipe' }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'SEARCH_UNSUPPORTED', message: expect.stringContaining('search') });
      expect((await store.list()).conversations).toHaveLength(1);
      await store.close();
    });

    it.runIf(searches)('searches message text by whole words, ignoring case and accents', async () => {
      const { store, advance } = await setup();
      const pasta = await store.create({
        title: 'Dinner',
        messages: turn('A recipe for Crème brûlée?', 'Sure.'),
      });
      advance(10);
      await store.create({ title: 'Code', messages: turn('How do I sort an array?', 'Use sort().') });
      const hits = async (search: string) =>
        (await store.list({ search })).conversations.map((conversation) => conversation.id);
      expect(await hits('creme BRULEE')).toEqual([pasta.id]);
      expect(await hits('recipe array')).toEqual([]);
      expect(await hits('"sort" OR -x*')).toEqual([]);
      expect(await hits('sort')).toHaveLength(1);
      expect(await hits('!!!')).toEqual([]);
      await store.delete(pasta.id);
      expect(await hits('recipe')).toEqual([]);
      await store.close();
    });

    it('renames without counting as use, and deletes', async () => {
      const { store, advance } = await setup();
      const created = await store.create({ title: 'Old', messages: turn('Hi', 'Hello') });
      advance(50);
      const renamed = await store.rename(created.id, '  New title  ');
      expect(renamed.title).toBe('New title');
      expect(renamed.updatedAt).toBe(created.updatedAt);
      const blank = await store.rename(created.id, '   ').catch((caught: unknown) => caught);
      // A title is a plain value: no zod path such as "(root):" in front of the reason.
      expect(blank).toMatchObject({
        code: 'INVALID_INPUT',
        message: 'Invalid title: a title cannot be empty',
      });
      const long = await store.rename(created.id, 't'.repeat(201)).catch((caught: unknown) => caught);
      expect(long).toMatchObject({
        code: 'INVALID_INPUT',
        message: 'Invalid title: a title has at most 200 characters',
      });
      await store.delete(created.id);
      expect(await codeOf(store.get(created.id))).toBe('CONVERSATION_NOT_FOUND');
      await store.close();
    });

    it('exports JSON that imports back losslessly, and refuses an id that exists unless asked for a copy', async () => {
      const { store } = await setup();
      const created = await store.create({
        title: 'Round trip',
        system: [{ text: 'System block' }],
        messages: [
          {
            role: 'user',
            content: [{ text: 'Look' }, { image: { format: 'png', source: { bytes: 'iVBORw==' } } }],
          },
          ...turn('x', 'y').slice(1),
        ],
      });
      const json = await store.export(created.id, 'json');
      await store.delete(created.id);
      const imported = await store.import(json);
      expect(await store.get(imported.id)).toEqual(created);
      expect(await store.export(imported.id, 'json')).toBe(json);
      expect(await codeOf(store.import(json))).toBe('CONVERSATION_CONFLICT');
      const copy = await store.import(JSON.parse(json), { onExistingId: 'new-id' });
      expect(copy.id).not.toBe(created.id);
      expect((await store.get(copy.id)).messages).toEqual(created.messages);
      expect(await codeOf(store.import('{"format":"something-else"}'))).toBe('INVALID_INPUT');
      await store.close();
    });

    it('imports a version-1 export file as the local user, and exports it as the current version', async () => {
      const { store } = await setup();
      const imported = await store.import(JSON.stringify(exportV1));
      expect(imported.owner).toBe(LOCAL_PRINCIPAL);
      const { exportedAt: _again, ...again } = JSON.parse(await store.export(imported.id, 'json'));
      const { exportedAt: _original, ...original } = exportV1;
      const { id, ...conversation } = original.conversation;
      // Version 2 added the owner, version 4 moved files to `files`, version 5 the cache totals.
      expect(await withFilesInline(again)).toEqual({
        ...original,
        version: CONVERSATION_EXPORT_VERSION,
        conversation: withCacheTotals({ id, owner: LOCAL_PRINCIPAL, ...conversation }, 1000),
      });
      await store.close();
    });

    it('imports a version-2 export file and exports the same document again', async () => {
      const { store } = await setup();
      const alice = store.forOwner(exportV2.conversation.owner);
      const imported = await alice.import(JSON.stringify(exportV2));
      const { exportedAt: _again, ...again } = JSON.parse(await alice.export(imported.id, 'json'));
      const { exportedAt: _original, ...original } = exportV2;
      expect(again.files).toEqual({
        '4c4b6a3be1314ab86138bef4314dde022e600960d8689a2c8f8631802d20dab6': 'iVBORw0KGgo=',
      });
      expect(await withFilesInline(again)).toEqual({
        ...original,
        version: CONVERSATION_EXPORT_VERSION,
        conversation: withCacheTotals(original.conversation, 1000),
      });
      await store.close();
    });

    it('imports a version-3 export file (tool steps, an interrupted turn) and exports the same document again', async () => {
      const { store } = await setup();
      const imported = await store.import(JSON.stringify(exportV3));
      const { exportedAt: _again, ...again } = JSON.parse(await store.export(imported.id, 'json'));
      const { exportedAt: _original, ...original } = exportV3;
      expect(again).toEqual({
        ...original,
        version: CONVERSATION_EXPORT_VERSION,
        conversation: withCacheTotals(original.conversation),
        files: {},
      });
      await store.close();
    });

    it('imports a version-4 export file (files once, by hash) and exports the same document again', async () => {
      const { store } = await setup();
      const imported = await store.import(JSON.stringify(exportV4));
      const { exportedAt: _again, ...again } = JSON.parse(await store.export(imported.id, 'json'));
      const { exportedAt: _original, ...original } = exportV4;
      expect(again).toEqual({
        ...original,
        version: CONVERSATION_EXPORT_VERSION,
        conversation: withCacheTotals(original.conversation),
      });
      await store.close();
    });

    it('imports a version-5 export file (prompt-cache totals) and exports the same document again', async () => {
      const { store } = await setup();
      const imported = await store.import(JSON.stringify(exportV5));
      expect(imported).toMatchObject({
        cacheReadInputTokens: 8400,
        cacheWriteInputTokens: 4200,
        cacheSavedUsd: 0.00651,
      });
      const { exportedAt: _again, ...again } = JSON.parse(await store.export(imported.id, 'json'));
      const { exportedAt: _original, ...original } = exportV5;
      expect(again).toEqual({ ...original, version: CONVERSATION_EXPORT_VERSION });
      await store.close();
    });

    it('exports a readable Markdown transcript', async () => {
      const { store } = await setup();
      const created = await store.create({
        title: 'Transcript',
        model: 'haiku',
        messages: turn('Hello?', 'Hi there.'),
      });
      const markdown = await store.export(created.id, 'markdown');
      expect(markdown).toContain('# Transcript');
      expect(markdown).toMatch(/## User · .*\n\nHello\?/);
      expect(markdown).toMatch(/## Assistant · us\.anthropic[^\n]*10 in \/ 5 out tokens\n\nHi there\./);
      expect(markdown).not.toContain('## System');
      await store.close();
    });

    it('shows a system prompt in the transcript, and no empty section for a cleared one', async () => {
      const { store } = await setup();
      const withSystem = await store.create({ title: 'S', system: 'Be brief.', messages: turn('a', 'b') });
      expect(await store.export(withSystem.id, 'markdown')).toContain('## System\n\nBe brief.\n');
      // `/system clear` stores "" so that the conversation keeps having none.
      const cleared = await store.create({ title: 'C', system: '', messages: turn('a', 'b') });
      expect(await store.export(cleared.id, 'markdown')).not.toContain('## System');
      await store.close();
    });

    describeStoreFiles(setup, { codeOf });

    describe('owners', () => {
      const unknownId = '01JDQ5Z8M3X4B2N7K9P0R6S1TV';
      /** What a miss looks like: the same error, hint and details for another's id as for no id. */
      async function miss(promise: Promise<unknown>) {
        const error = await promise.catch((caught: unknown) => caught);
        expect(BedrockChatError.isInstance(error)).toBe(true);
        const { code, message, hint, details } = error as BedrockChatError;
        return {
          code,
          message: message.replace(/[0-9A-HJKMNP-TV-Z]{26}/, '<id>'),
          hint,
          details: Object.keys(details ?? {}),
        };
      }

      it('opens as the local user, and creates each conversation under the scope that made it', async () => {
        const { store } = await setup();
        expect(store.owner).toBe(LOCAL_PRINCIPAL);
        const mine = await store.create({ title: 'Mine', messages: turn('Q', 'A') });
        const alice = store.forOwner('alice');
        expect(alice.owner).toBe('alice');
        const hers = await alice.create({ title: 'Hers', messages: turn('Q', 'A') });
        expect(mine.owner).toBe(LOCAL_PRINCIPAL);
        expect(hers.owner).toBe('alice');
        expect((await alice.get(hers.id)).owner).toBe('alice');
        expect((await store.list()).conversations.map((conversation) => conversation.id)).toEqual([mine.id]);
        expect((await alice.list()).conversations.map((conversation) => conversation.id)).toEqual([hers.id]);
        expect((await store.forOwner('bob').list()).conversations).toEqual([]);
        expect(await codeOf(Promise.resolve().then(() => store.forOwner(' alice')))).toBe('INVALID_INPUT');
        expect(await codeOf(Promise.resolve().then(() => store.forOwner('')))).toBe('INVALID_INPUT');
        await store.close();
      });

      it("answers another owner's id exactly as an unknown id, and changes nothing of it", async () => {
        const { store } = await setup();
        const mine = await store.create({ title: 'Private', messages: turn('secret zebra', 'noted') });
        const before = await store.get(mine.id);
        const alice = store.forOwner('alice');
        const append = { conversationId: mine.id, expectedPosition: 2, messages: turn('Q', 'A') };
        const attempts: [string, (id: string) => Promise<unknown>][] = [
          ['get', (id) => alice.get(id)],
          ['append', (id) => alice.appendMessages({ ...append, conversationId: id })],
          [
            'rehearse',
            (id) => alice.rehearseWrite({ kind: 'append', input: { ...append, conversationId: id } }),
          ],
          ['rename', (id) => alice.rename(id, 'Taken')],
          ['delete', (id) => alice.delete(id)],
          ['export json', (id) => alice.export(id, 'json')],
          ['export markdown', (id) => alice.export(id, 'markdown')],
        ];
        for (const [what, attempt] of attempts) {
          const other = await miss(attempt(mine.id));
          expect(other, what).toEqual(await miss(attempt(unknownId)));
          expect(other.code, what).toBe('CONVERSATION_NOT_FOUND');
        }
        if (searches) {
          expect((await alice.list({ search: 'zebra' })).conversations).toEqual([]);
          expect((await store.list({ search: 'zebra' })).conversations.map((c) => c.id)).toEqual([mine.id]);
        }
        expect(await store.get(mine.id)).toEqual(before);
        await store.close();
      });

      it("pages through one owner's conversations only, however they interleave with others'", async () => {
        const { store, advance } = await setup();
        const alice = store.forOwner('alice');
        const mine: string[] = [];
        for (let index = 0; index < 4; index++) {
          mine.push((await store.create({ title: `Mine ${index}`, messages: turn('Q', 'A') })).id);
          advance(5);
          await alice.create({ title: `Hers ${index}`, messages: turn('Q', 'A') });
          advance(5);
        }
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.list({ limit: 3, ...(cursor === undefined ? {} : { cursor }) });
          seen.push(...page.conversations.map((conversation) => conversation.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        expect(seen).toEqual([...mine].reverse());
        await store.close();
      });

      it("imports under the importing scope's owner, and treats an id another owner holds as taken", async () => {
        const { store } = await setup();
        const alice = store.forOwner('alice');
        // The document names alice@example.com; the local user importing it gets it as theirs.
        const mine = await store.import(exportV2);
        expect(mine.owner).toBe(LOCAL_PRINCIPAL);
        expect(await codeOf(alice.get(mine.id))).toBe('CONVERSATION_NOT_FOUND');
        expect(await codeOf(alice.import(exportV2))).toBe('CONVERSATION_CONFLICT');
        const copy = await alice.import(exportV2, { onExistingId: 'new-id' });
        expect(copy).toMatchObject({ owner: 'alice', title: mine.title });
        expect(copy.id).not.toBe(mine.id);
        expect((await store.get(mine.id)).owner).toBe(LOCAL_PRINCIPAL);
        await store.close();
      });

      it('names every owner with a conversation, from any view, and exports the whole store to import elsewhere as it was', async () => {
        const { store } = await setup();
        expect(await store.owners()).toEqual([]);
        await store.forOwner('zoe').create({ title: 'Z', messages: turn('zq', 'za') });
        await store.create({ title: 'Mine', messages: turn('Q', 'A') });
        const alice = store.forOwner('alice');
        const hers = await alice.create({ title: 'Hers', messages: turn('Q', 'A') });
        await alice.appendMessages({
          conversationId: hers.id,
          expectedPosition: 2,
          messages: turn('Q2', 'A2'),
        });
        await alice.import(exportV2, { onExistingId: 'new-id' });
        // Files, tool steps and reasoning (v4) and the cache totals (v5) move too.
        await alice.import(exportV5, { onExistingId: 'new-id' });
        expect(await store.owners()).toEqual(['alice', LOCAL_PRINCIPAL, 'zoe']);
        expect(await alice.owners()).toEqual(['alice', LOCAL_PRINCIPAL, 'zoe']);
        await store.forOwner('zoe').delete((await store.forOwner('zoe').list()).conversations[0]?.id ?? '');
        expect(await store.owners()).toEqual(['alice', LOCAL_PRINCIPAL]);

        const exported: ConversationExport[] = [];
        for await (const document of exportAllConversations(store)) exported.push(document);
        // Owner by owner, each owner's most recently used first.
        expect(exported.map((document) => document.conversation.owner)).toEqual([
          'alice',
          'alice',
          'alice',
          LOCAL_PRINCIPAL,
        ]);
        expect(exported.map((document) => document.conversation.id)).toContain(hers.id);
        const withFiles = exported.find((document) => Object.keys(document.files).length > 0);
        expect(withFiles?.files).toEqual(exportV5.files);
        expect(withFiles?.conversation.messages).toEqual(exportV5.conversation.messages);
        expect(withFiles?.conversation).toMatchObject({ cacheReadInputTokens: 8400, cacheSavedUsd: 0.00651 });
        const { store: other } = await setup();
        const text = exported.map(formatExportLine).join('');
        const outcomes = await importConversations(other, splitExportDocuments(text), { keepOwners: true });
        expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
        const again: ConversationExport[] = [];
        for await (const document of exportAllConversations(other)) again.push(document);
        const withoutTime = (documents: ConversationExport[]) =>
          documents.map(({ exportedAt: _exportedAt, ...document }) => document);
        expect(withoutTime(again)).toEqual(withoutTime(exported));
        // Once more: every id is taken now, and nothing changes.
        const twice = await importConversations(other, splitExportDocuments(text), { keepOwners: true });
        expect(twice.map((outcome) => (outcome.ok ? 'ok' : outcome.error.code))).toEqual(
          exported.map(() => 'CONVERSATION_CONFLICT'),
        );
        await other.close();
        await store.close();
      });
    });
  });
}
