import { describe, expect, it } from 'vitest';
import { fakeWorld } from '../../test/fakes.js';
import type { TurnOptions } from '../cli-options.js';
import { runAsk } from './ask.js';
import { chatBanner, runChat } from './chat.js';

const options = (overrides: Partial<TurnOptions> = {}): TurnOptions => ({
  continueLast: false,
  stream: true,
  cache: true,
  citations: false,
  json: false,
  save: true,
  usage: false,
  attach: [],
  ...overrides,
});

const lines = (...input: string[]) => `${input.join('\n')}\n`;

describe('runChat (lines piped in, no TTY)', () => {
  it('keeps a multi-turn conversation, with slash commands', async () => {
    const world = fakeWorld({
      env: { BEDROCK_CHAT_HOME: '/nonexistent' },
      stdin: lines(
        'hello',
        '/model haiku',
        '/system Be terse.',
        'second',
        '/usage',
        '/new',
        'third',
        '/exit',
        'never sent',
      ),
    });
    expect(await runChat(world.context, options())).toBe(0);
    const { calls } = world.client;
    expect(calls).toHaveLength(3);
    expect(calls[1]?.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(calls[1]?.options).toMatchObject({ model: 'haiku', system: 'Be terse.' });
    expect(calls[2]?.messages).toHaveLength(1);
    expect(world.io.stdout.text()).toBe('Reply 0 to: hello\nReply 1 to: second\nReply 2 to: third\n');
    const stderr = world.io.stderr.text();
    expect(stderr).toContain('model: haiku → us.anthropic.claude-haiku-5-5');
    expect(stderr).toContain('session: 2 replies · 20 in + 10 out = 30 tokens · ~$0.0002');
    expect(stderr).toContain('conversation: 4 messages');
    expect(stderr).toContain('(new conversation)');
    const stored = (await world.store.list()).conversations;
    expect(stored.map((conversation) => conversation.messageCount)).toEqual([2, 4]);
  });

  it('shows cache reads, writes and what caching saved in /usage, for the session and the conversation', async () => {
    const world = fakeWorld({
      stdin: lines('first', 'second', '/usage'),
      replies: [
        { text: 'one', cache: { written: 6000, savedUsd: -0.0015 } },
        { text: 'two', cache: { read: 6000, savedUsd: 0.0054 } },
      ],
    });
    expect(await runChat(world.context, options())).toBe(0);
    const stderr = world.io.stderr.text();
    expect(stderr).toContain(
      'session: 2 replies · 20 in + 10 out = 12030 tokens · cache 6000 read / 6000 written · ~$0.000210 · cache saved ~$0.0039',
    );
    expect(stderr).toContain(
      'conversation: 4 messages · 20 in + 10 out tokens · cache 6000 read / 6000 written · ~$0.000210 · cache saved ~$0.0039',
    );
  });

  it('joins continued lines and """ blocks into one prompt', async () => {
    const world = fakeWorld({ stdin: lines('one \\', 'two', '"""', 'a', '', 'b', '"""') });
    await runChat(world.context, options());
    expect(world.client.calls.map((call) => call.messages.at(-1)?.content)).toEqual([
      [{ text: 'one \ntwo' }],
      [{ text: 'a\n\nb' }],
    ]);
  });

  it('cancels only the reply on Ctrl-C; the store stays unchanged and the chat goes on', async () => {
    const world = fakeWorld({
      stdin: lines('first', 'second', 'third'),
      replies: [{ text: 'one' }, { text: 'never finished', hang: true }],
    });
    world.client.onHang = world.interrupt;
    expect(await runChat(world.context, options())).toBe(0);
    expect(world.io.stderr.text()).toContain('(reply cancelled; nothing was saved)');
    const [conversation] = (await world.store.list()).conversations;
    // first + its reply, then third + its reply: the cancelled turn left nothing behind.
    expect(conversation?.messageCount).toBe(4);
    const texts = (await world.store.get(conversation?.id ?? '')).messages.map((message) => message.content);
    expect(texts[2]).toEqual([{ text: 'third' }]);
  });

  it('reports a failed turn and carries on', async () => {
    const world = fakeWorld({ stdin: lines('/nope', 'hi') });
    await runChat(world.context, options());
    expect(world.io.stderr.text()).toContain('Unknown command /nope');
    expect(world.client.calls).toHaveLength(1);
  });

  it('continues a stored conversation; with --no-save it keeps new turns in memory only', async () => {
    const world = fakeWorld();
    await runAsk(world.context, ['remember 42'], options());
    const chat = fakeWorld({ store: world.store, stdin: lines('what number?', 'and again?') });
    await runChat(chat.context, options({ continueLast: true, save: false }));
    expect(chat.client.calls[0]?.messages).toHaveLength(3);
    expect(chat.client.calls[1]?.messages).toHaveLength(5);
    expect(chat.io.stderr.text()).toContain('continuing "remember 42" (2 messages)');
    expect((await world.store.list()).conversations[0]?.messageCount).toBe(2);
  });

  it('warns about an unknown model at the start and on /model, as doctor does', async () => {
    const world = fakeWorld({ stdin: lines('/model haiku', '/model opus-typo', 'hi') });
    await runChat(world.context, options({ model: 'sonet' }));
    const warnings = world.io.stderr
      .text()
      .split('\n')
      .filter((line) => line.startsWith('warning:'));
    expect(warnings).toEqual([
      'warning: model sonet is not in the built-in table: Bedrock decides whether it works.',
      'warning: model opus-typo is not in the built-in table: Bedrock decides whether it works.',
    ]);
    expect(world.client.calls[0]?.options.model).toBe('opus-typo');
  });

  it('with --no-save, /id says there is no stored conversation instead of showing an id', async () => {
    const world = fakeWorld({ stdin: lines('hi', '/id') });
    await runChat(world.context, options({ save: false }));
    const stderr = world.io.stderr.text();
    expect(stderr).toContain('(nothing is saved with --no-save: there is no conversation id)');
    expect(stderr).not.toMatch(/conversation: [0-9A-Z]{26}/);
    expect((await world.store.list()).conversations).toEqual([]);
    const saving = fakeWorld({ stdin: lines('hi', '/id') });
    await runChat(saving.context, options());
    const [stored] = (await saving.store.list()).conversations;
    expect(saving.io.stderr.text()).toContain(`conversation: ${stored?.id}`);
  });

  it('prints a new conversation id once, after its first turn, not again at the end (was twice)', async () => {
    const world = fakeWorld({ stdin: lines('hi', 'again') });
    await runChat(world.context, options());
    const [stored] = (await world.store.list()).conversations;
    expect(world.io.stderr.text().split(`conversation: ${stored?.id}`)).toHaveLength(2);
    // Continued, it was never announced: the end says which conversation it was.
    const continued = fakeWorld({ stdin: lines('more'), store: world.store });
    await runChat(continued.context, options({ conversationId: stored?.id }));
    expect(continued.io.stderr.text()).toContain(`conversation: ${stored?.id}`);
  });

  it('says in the banner of an interactive chat when nothing is saved', () => {
    expect(chatBanner('haiku → us.x', false)).toBe(
      'bedrock-chat · haiku → us.x · nothing is saved (--no-save) · /help for commands, Ctrl-D to quit',
    );
    expect(chatBanner('haiku → us.x', true)).toBe(
      'bedrock-chat · haiku → us.x · /help for commands, Ctrl-D to quit',
    );
  });

  it('fails before the REPL starts for an unknown conversation', async () => {
    const world = fakeWorld({ stdin: lines('hi') });
    await expect(
      runChat(world.context, options({ conversationId: '01JDQ5Z8M3X4B2N7K9P0R6S1TV' })),
    ).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
    expect(world.client.calls).toHaveLength(0);
  });

  it('/think turns thinking on and off for the next prompts; reasoning goes to stderr', async () => {
    const world = fakeWorld({
      stdin: lines('first', '/think', 'second', '/think', 'third', '/think on', 'fourth', '/think maybe'),
      replies: [{ text: 'One.' }, { text: 'Two.', reasoning: 'Thinking it over.' }, { text: 'Three.' }, {}],
    });
    expect(await runChat(world.context, options())).toBe(0);
    const sent = world.client.calls.map((call) => call.options.thinking);
    expect(sent).toEqual([undefined, true, false, true]);
    expect(world.io.stdout.text()).not.toContain('Thinking it over.');
    const stderr = world.io.stderr.text();
    expect(stderr).toContain('Thinking it over.');
    expect(stderr).toContain('(thinking on: reasoning is shown dimmed before the reply)');
    expect(stderr).toContain('(thinking off)');
    expect(stderr).toContain('Usage: /think [on|off]');
  });
});
