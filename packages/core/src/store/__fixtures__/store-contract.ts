import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import type { NewMessage } from '../conversation-schemas.js';
import type { ConversationStore } from '../conversation-store.js';

export interface ContractContext {
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

/** The behaviour every ConversationStore must show; run against each implementation. */
export function describeConversationStore(name: string, setup: () => Promise<ContractContext>): void {
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
      for (const miss of [
        store.get(unknown),
        store.rename(unknown, 'New'),
        store.delete(unknown),
        store.export(unknown, 'markdown'),
      ]) {
        const error = await miss.catch((caught: unknown) => caught);
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

    it('searches message text by whole words, ignoring case and accents', async () => {
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

    it('imports a version-1 export file and exports the same document again', async () => {
      const { store } = await setup();
      const text = readFileSync(new URL('./export-v1.json', import.meta.url), 'utf8');
      const imported = await store.import(text);
      const { exportedAt: _again, ...again } = JSON.parse(await store.export(imported.id, 'json'));
      const { exportedAt: _original, ...original } = JSON.parse(text);
      expect(again).toEqual(original);
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
  });
}
