import { describe, expect, it } from 'vitest';
import type { ChatRunner } from '../client/chat-types.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { resolveModel } from '../models/resolve-model.js';
import { failure } from './__fixtures__/expect-failure.js';
import { fakeRunner } from './__fixtures__/fake-runner.js';
import { createMemoryStore } from './memory-store.js';
import { type PromptStreamEvent, sendPrompt, streamPrompt } from './send-prompt.js';

const modelDown = new BedrockChatError({
  code: 'THROTTLED',
  message: 'Too many requests',
  hint: 'Wait a little.',
});

describe('sendPrompt', () => {
  it('starts a conversation: title from the prompt, model and system stored with the first turn', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner();
    const { conversation, result, trimmed, saved } = await sendPrompt({
      store,
      runner,
      prompt: '  What is the capital of France?\nAnswer in one word.',
      system: 'Be brief.',
      model: 'haiku',
      temperature: 0.2,
    });
    expect(saved).toBe(true);
    expect(trimmed).toBeNull();
    expect(result.text).toBe('Reply 1 to:   What is the capital of France?\nAnswer in one word.');
    // The alias is pinned to the model it resolved to (the fake runner sends Haiku 4.5).
    expect(conversation).toMatchObject({
      title: 'What is the capital of France?',
      model: 'anthropic.claude-haiku-4-5-20251001-v1:0',
      system: 'Be brief.',
    });
    expect(runner.calls[0]?.options).toMatchObject({ system: 'Be brief.', model: 'haiku', temperature: 0.2 });
    const stored = await store.get(conversation?.id ?? '');
    expect(stored.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(stored.messages[1]).toMatchObject({ usage: result.usage, costUsd: 0.0002, latencyMs: 42 });
  });

  it('continues with the stored history, model and system prompt', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner();
    const first = await sendPrompt({ store, runner, prompt: 'One', system: 'Count.', model: 'haiku' });
    const second = await sendPrompt({ store, runner, prompt: 'Two', conversationId: first.conversation?.id });
    expect(runner.calls[1]?.messages.map((message) => message.content)).toEqual([
      [{ text: 'One' }],
      [{ text: 'Reply 1 to: One' }],
      [{ text: 'Two' }],
    ]);
    expect(runner.calls[1]?.options).toMatchObject({
      system: 'Count.',
      model: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    });
    expect(second.conversation).toMatchObject({ messageCount: 4, inputTokens: 200, title: 'One' });
  });

  it('stores the model actually used when none was asked for, and keeps an override for later turns', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner();
    const first = await sendPrompt({ store, runner, prompt: 'Hi' });
    // The foundation model behind the profile sent, so a later turn in another region still works.
    expect(first.conversation?.model).toBe('anthropic.claude-haiku-4-5-20251001-v1:0');
    const id = first.conversation?.id;
    await sendPrompt({ store, runner, prompt: 'Switch', conversationId: id, model: 'sonnet' });
    await sendPrompt({ store, runner, prompt: 'Again', conversationId: id });
    expect(runner.calls[2]?.options?.model).toBe('anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('keeps a conversation on the model its alias resolved to when the alias later moves', async () => {
    const store = createMemoryStore();
    // The runner stands in for Bedrock before and after `sonnet` moved from Sonnet 4.5 to 5.5.
    const runner = fakeRunner();
    const first = await sendPrompt({ store, runner, prompt: 'Hi', model: 'sonnet' });
    expect(first.conversation?.model).toBe('anthropic.claude-sonnet-4-5-20250929-v1:0');
    await sendPrompt({ store, runner, prompt: 'Again', conversationId: first.conversation?.id });
    expect(runner.calls[1]?.options?.model).toBe('anthropic.claude-sonnet-4-5-20250929-v1:0');
    const explicit = await sendPrompt({ store, runner, prompt: 'Hi', model: 'us.anthropic.claude-opus-4-7' });
    expect(explicit.conversation?.model).toBe('us.anthropic.claude-opus-4-7');
  });

  it('continues a thread stored under an alias before turns were pinned on the model of its last reply', async () => {
    const store = createMemoryStore();
    // What releases before pinning stored: `opus` as typed, replied to by Opus 4.5.
    const old = await store.create({
      title: 'Old thread',
      model: 'opus',
      messages: [
        { role: 'user', content: [{ text: 'Hi' }] },
        {
          role: 'assistant',
          content: [{ text: 'Hello' }],
          modelId: 'us.anthropic.claude-opus-4-5-20251101-v1:0',
        },
      ],
    });
    const runner = fakeRunner();
    await sendPrompt({ store, runner, prompt: 'Again', conversationId: old.id });
    expect(runner.calls[0]?.options?.model).toBe('anthropic.claude-opus-4-5-20251101-v1:0');
  });

  it('leaves the conversation as it was when the model call fails, and says so', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner({ fail: (call) => (call.messages.length > 1 ? modelDown : undefined) });
    const first = await sendPrompt({ store, runner, prompt: 'Hello' });
    const before = await store.get(first.conversation?.id ?? '');
    const error = await failure(sendPrompt({ store, runner, prompt: 'Fail', conversationId: before.id }));
    expect(error.code).toBe('THROTTLED');
    expect(error.details).toMatchObject({ conversationUnchanged: true });
    expect(error.hint).toBe('Wait a little. Nothing was saved; the conversation is as it was.');
    expect(await store.get(before.id)).toEqual(before);
  });

  it('creates nothing when the first call of a new conversation fails', async () => {
    const store = createMemoryStore();
    const error = await failure(
      sendPrompt({ store, runner: fakeRunner({ fail: () => modelDown }), prompt: 'Hi' }),
    );
    expect(error.details.conversationUnchanged).toBe(true);
    expect((await store.list()).conversations).toEqual([]);
  });

  it('treats an abort as ABORTED and saves nothing, even when the reply arrived', async () => {
    const store = createMemoryStore();
    const controller = new AbortController();
    const runner = fakeRunner({
      fail: () => {
        controller.abort();
        return undefined;
      },
    });
    const error = await failure(sendPrompt({ store, runner, prompt: 'Hi', signal: controller.signal }));
    expect(error.code).toBe('ABORTED');
    expect(error.details.conversationUnchanged).toBe(true);
    expect((await store.list()).conversations).toEqual([]);
  });

  it('fails with CONVERSATION_CONFLICT, saving nothing, when another writer got there first', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner();
    const first = await sendPrompt({ store, runner, prompt: 'Start' });
    const id = first.conversation?.id ?? '';
    // Another process appends while our model call is in flight.
    const racing: ChatRunner = {
      async complete(messages, options) {
        await sendPrompt({ store, runner, prompt: 'Sneaky', conversationId: id });
        return runner.complete(messages, options);
      },
      stream: (messages, options) => runner.stream(messages, options),
    };
    const error = await failure(sendPrompt({ store, runner: racing, prompt: 'Mine', conversationId: id }));
    expect(error.code).toBe('CONVERSATION_CONFLICT');
    expect(error.details).toMatchObject({
      expectedPosition: 2,
      actualPosition: 4,
      conversationUnchanged: true,
    });
    // The billed reply is not lost with the save: a caller printing only the error still has it.
    expect(error.details.replyText).toBe('Reply 3 to: Mine');
    expect(error.hint).toContain('Nothing was saved');
    const texts = (await store.get(id)).messages.map((message) => message.content[0]);
    expect(texts).toHaveLength(4);
    expect(texts).not.toContainEqual({ text: 'Mine' });
    const stale = await failure(
      sendPrompt({ store, runner, prompt: 'x', conversationId: id, expectedPosition: 2 }),
    );
    expect(stale.code).toBe('CONVERSATION_CONFLICT');
    expect(runner.calls).toHaveLength(3);
  });

  it('works without a store (--no-save), and refuses a conversation id then', async () => {
    const runner = fakeRunner();
    const outcome = await sendPrompt({ runner, prompt: 'Just once' });
    expect(outcome).toMatchObject({ conversation: null, saved: false });
    const error = await failure(
      sendPrompt({ runner, prompt: 'x', conversationId: '01JDQ5Z8M3X4B2N7K9P0R6S1TV' }),
    );
    expect(error.code).toBe('INVALID_INPUT');
  });

  it('can continue a stored conversation without saving the new turn', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner();
    const first = await sendPrompt({ store, runner, prompt: 'Keep' });
    const id = first.conversation?.id ?? '';
    const outcome = await sendPrompt({ store, runner, prompt: 'Ephemeral', conversationId: id, save: false });
    expect(outcome.saved).toBe(false);
    expect(runner.calls[1]?.messages).toHaveLength(3);
    expect((await store.get(id)).messageCount).toBe(2);
  });

  it('sends a plain prompt as one text block, and content blocks as given', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner();
    const plain = await sendPrompt({ store, runner, prompt: '  Hi there ' });
    const blocks = await sendPrompt({ store, runner, prompt: [{ text: 'Look:' }, { text: 'two blocks' }] });
    expect(runner.calls.map((call) => call.messages[0])).toEqual([
      { role: 'user', content: [{ text: '  Hi there ' }] },
      { role: 'user', content: [{ text: 'Look:' }, { text: 'two blocks' }] },
    ]);
    const stored = await store.get(plain.conversation?.id ?? '');
    expect(stored.messages[0]).toMatchObject({ role: 'user', content: [{ text: '  Hi there ' }] });
    expect(blocks.saved).toBe(true);
  });

  it('refuses an empty prompt and invalid content before calling the model', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner();
    const prompts: unknown[] = [
      '',
      '  \n ',
      [],
      [{ text: 'x', extra: true }],
      [{ image: { format: 'bmp' } }],
      42,
    ];
    for (const prompt of prompts) {
      const error = await failure(sendPrompt({ store, runner, prompt: prompt as string }));
      expect(error).toMatchObject({
        code: 'INVALID_INPUT',
        message: 'The prompt is empty or not valid content.',
      });
    }
    expect(runner.calls).toHaveLength(0);
    expect((await store.list()).conversations).toHaveLength(0);
  });

  it('reports unknown and malformed conversation ids before calling the model', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner();
    const unknown = await failure(
      sendPrompt({ store, runner, prompt: 'x', conversationId: '01JDQ5Z8M3X4B2N7K9P0R6S1TV' }),
    );
    expect(unknown.code).toBe('CONVERSATION_NOT_FOUND');
    expect(unknown.hint).toBe('List conversations to find its id. Omit the id to start a new conversation.');
    const malformed = await failure(sendPrompt({ store, runner, prompt: 'x', conversationId: 'nope' }));
    expect(malformed.code).toBe('INVALID_CONVERSATION_ID');
    expect(runner.calls).toHaveLength(0);
  });

  it('trims the oldest turns to fit the context window and says so; the store keeps them all', async () => {
    const store = createMemoryStore();
    const runner = fakeRunner();
    const long = 'x'.repeat(400);
    let id: string | undefined;
    for (let index = 0; index < 4; index++) {
      id = (await sendPrompt({ store, runner, prompt: `${index} ${long}`, conversationId: id })).conversation
        ?.id;
    }
    const outcome = await sendPrompt({
      store,
      runner,
      prompt: 'last',
      conversationId: id,
      // Each stored turn is ~213 estimated tokens: only the newest one fits next to 700 for the reply.
      contextWindowTokens: 1_000,
      maxTokens: 700,
    });
    expect(outcome.trimmed).toMatchObject({ droppedMessages: 6, keptMessages: 2 });
    expect(runner.calls.at(-1)?.messages[0]?.content[0]).toEqual({ text: `3 ${long}` });
    expect((await store.get(id ?? '')).messageCount).toBe(10);
  });

  it("takes the window and reply budget from the runner's own resolution of the model", async () => {
    const store = createMemoryStore();
    const base = fakeRunner();
    const asked: (string | undefined)[] = [];
    const haiku = resolveModel('haiku-4.5', 'eu-west-1');
    const info = haiku.info && { ...haiku.info, contextWindowTokens: 1_000, defaultMaxTokens: 700 };
    // A runner in eu-west-1 whose catalogue gives this model a 1,000-token window.
    const runner: ChatRunner = {
      ...base,
      async resolveModel(model) {
        asked.push(model);
        return { ...haiku, info };
      },
    };
    const long = 'x'.repeat(400);
    let id: string | undefined;
    for (let index = 0; index < 4; index++) {
      id = (await sendPrompt({ store, runner, prompt: `${index} ${long}`, conversationId: id })).conversation
        ?.id;
    }
    expect(asked[0]).toBeUndefined();
    const outcome = await sendPrompt({ store, runner, prompt: 'last', conversationId: id });
    // The stored conversation continues on the model its first reply pinned.
    expect(asked.at(-1)).toBe('anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(outcome.trimmed).toMatchObject({
      droppedMessages: 6,
      keptMessages: 2,
      contextWindowTokens: 1_000,
    });
  });

  it('refuses a prompt that alone exceeds the context window (CONTEXT_WINDOW_EXCEEDED)', async () => {
    const error = await failure(
      sendPrompt({ runner: fakeRunner(), prompt: 'y'.repeat(10_000), contextWindowTokens: 2_000 }),
    );
    expect(error.code).toBe('CONTEXT_WINDOW_EXCEEDED');
    expect(error.message).toMatch(/^The prompt alone needs about 2504 tokens; with 4096 reserved/);
    const withSystem = await failure(
      sendPrompt({
        runner: fakeRunner(),
        prompt: 'y'.repeat(10_000),
        system: 'Be brief.',
        contextWindowTokens: 2_000,
      }),
    );
    expect(withSystem.message).toMatch(/^The prompt and system prompt alone need about \d+ tokens/);
  });

  it('checks the chat options before anything reads them (a model that is not a string)', async () => {
    const runner = fakeRunner();
    const error = await failure(sendPrompt({ runner, prompt: 'x', model: 12 as never }));
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'model must be a non-empty string (got 12).',
    });
    expect(runner.calls).toHaveLength(0);
  });
});

describe('streamPrompt', () => {
  it('yields the deltas, then a result carrying the stored conversation', async () => {
    const store = createMemoryStore();
    const events: PromptStreamEvent[] = [];
    for await (const event of streamPrompt({ store, runner: fakeRunner(), prompt: 'Stream me' }))
      events.push(event);
    const deltas = events.filter((event) => event.type === 'text').map((event) => event.text);
    expect(deltas.join('')).toBe('Reply 1 to: Stream me');
    const last = events.at(-1);
    expect(last?.type).toBe('result');
    if (last?.type !== 'result') return;
    expect(last.result.text).toBe('Reply 1 to: Stream me');
    expect((await store.get(last.conversation?.id ?? '')).messageCount).toBe(2);
  });

  it('saves nothing when aborted mid-stream, and says the conversation is unchanged', async () => {
    const store = createMemoryStore();
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const event of streamPrompt({
        store,
        runner: fakeRunner(),
        prompt: 'Hi',
        signal: controller.signal,
      })) {
        if (event.type === 'text') {
          seen.push(event.text);
          controller.abort();
        }
      }
    };
    const error = await failure(run());
    expect(error.code).toBe('ABORTED');
    expect(error.details.conversationUnchanged).toBe(true);
    expect(seen).toHaveLength(1);
    expect((await store.list()).conversations).toEqual([]);
  });
});
