import { BedrockChatError, createMemoryStore } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { fakeWorld } from '../../test/fakes.js';
import type { TurnOptions } from '../cli-options.js';
import { runAsk } from './ask.js';

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

describe('runAsk', () => {
  it('streams the reply to stdout, stores the turn and names the conversation on stderr', async () => {
    const world = fakeWorld({ replies: [{ text: 'Hello there, friend.' }] });
    expect(await runAsk(world.context, ['Hi', 'you'], options())).toBe(0);
    expect(world.io.stdout.text()).toBe('Hello there, friend.\n');
    const [conversation] = (await world.store.list()).conversations;
    expect(conversation).toMatchObject({ title: 'Hi you', messageCount: 2 });
    const stderr = world.io.stderr.text();
    expect(stderr).toContain(`conversation: ${conversation?.id}`);
    expect(stderr).toContain('model: sonnet → us.anthropic.claude-sonnet-5-5');
    expect(world.client.calls[0]?.messages).toEqual([{ role: 'user', content: [{ text: 'Hi you' }] }]);
  });

  it('warns, as doctor does, about a model the built-in table does not know, before the call', async () => {
    const world = fakeWorld({ replies: [{ text: 'Fine.' }] });
    expect(await runAsk(world.context, ['hi'], options({ model: 'claude-sonet' }))).toBe(0);
    expect(world.io.stderr.text()).toMatch(
      /^warning: model claude-sonet is not in the built-in table: Bedrock decides whether it works\.\nhint: Use an alias \(sonnet, haiku, opus\)/m,
    );
    const known = fakeWorld();
    await runAsk(known.context, ['hi'], options({ model: 'haiku' }));
    expect(known.io.stderr.text()).not.toContain('warning:');
  });

  it('says on stderr which setting the model refused and core left out', async () => {
    const warning =
      'Claude Haiku 4.5 does not accept temperature and topP together; topP (0.9) was not sent.';
    for (const stream of [true, false]) {
      const world = fakeWorld({ replies: [{ text: 'Hi.', warnings: [warning] }] });
      expect(await runAsk(world.context, ['Hi'], options({ stream, temperature: 0.4 }))).toBe(0);
      expect(world.io.stdout.text()).toBe('Hi.\n');
      expect(world.io.stderr.text()).toContain(`warning: ${warning}\n`);
    }
  });

  it('sends the stored history with --continue and --conversation', async () => {
    const world = fakeWorld();
    await runAsk(world.context, ['first'], options());
    await runAsk(world.context, ['second'], options({ continueLast: true }));
    expect(world.client.calls[1]?.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
    ]);
    const [conversation] = (await world.store.list()).conversations;
    expect(conversation?.messageCount).toBe(4);
    await runAsk(world.context, ['third'], options({ conversationId: conversation?.id }));
    expect(world.client.calls[2]?.messages).toHaveLength(5);
  });

  it('uses piped stdin as context for the instruction in the arguments', async () => {
    const world = fakeWorld({ stdin: '# Notes\n- buy tea\n' });
    await runAsk(world.context, ['summarise'], options());
    expect(world.client.calls[0]?.messages[0]?.content).toEqual([
      { text: '# Notes\n- buy tea\n\nsummarise' },
    ]);
    const [conversation] = (await world.store.list()).conversations;
    expect(conversation?.title).toBe('summarise');
  });

  it('prints one JSON object with --json', async () => {
    const world = fakeWorld({ replies: [{ text: 'Four.' }] });
    await runAsk(world.context, ['2+2?'], options({ json: true, model: 'haiku' }));
    const json = JSON.parse(world.io.stdout.text());
    const [conversation] = (await world.store.list()).conversations;
    expect(json).toEqual({
      text: 'Four.',
      conversationId: conversation?.id,
      model: 'us.anthropic.claude-haiku-5-5',
      stopReason: 'end_turn',
      usage: {
        inputTokens: 10,
        outputTokens: 5,
        totalTokens: 15,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 0,
      },
      costUsd: 0.000105,
      cacheSavedUsd: null,
      citations: [],
      reasoning: null,
    });
    expect(world.io.stdout.text().trim().split('\n')).toHaveLength(1);
  });

  it('with --citations asks for citations, prints the sources on stderr after the reply and in --json', async () => {
    const citation = {
      text: 'refunds within 30 days',
      citedText: 'Expenses are refunded within 30 days.',
      documentTitle: 'handbook',
      location: { documentChar: { documentIndex: 0, start: 0, end: 37 } },
    };
    const world = fakeWorld({ replies: [{ text: 'Refunds within 30 days.', citations: [citation] }] });
    await runAsk(world.context, ['What is refunded?'], options({ citations: true, stream: false }));
    expect(world.client.calls[0]?.options).toMatchObject({ citations: true });
    expect(world.io.stdout.text()).toBe('Refunds within 30 days.\n');
    expect(world.io.stderr.text()).toContain(
      'sources:\n  [1] handbook (characters 0–37): "Expenses are refunded within 30 days."\n',
    );

    const json = fakeWorld({ replies: [{ text: 'Refunds.', citations: [citation] }] });
    await runAsk(json.context, ['What is refunded?'], options({ citations: true, json: true }));
    expect(JSON.parse(json.io.stdout.text()).citations).toEqual([citation]);
  });

  it('opens no store with --no-save, and stores nothing', async () => {
    const world = fakeWorld();
    await runAsk(world.context, ['hi'], options({ save: false, stream: false }));
    expect(world.storeOpens()).toBe(0);
    expect(world.io.stdout.text()).toBe('Reply 0 to: hi\n');
    expect(world.io.stderr.text()).not.toContain('conversation:');
  });

  it('continues without saving with --continue --no-save', async () => {
    const world = fakeWorld();
    await runAsk(world.context, ['first'], options());
    await runAsk(world.context, ['second'], options({ continueLast: true, save: false }));
    expect(world.client.calls[1]?.messages).toHaveLength(3);
    expect((await world.store.list()).conversations[0]?.messageCount).toBe(2);
  });

  it('refuses --continue when there is nothing to continue', async () => {
    const world = fakeWorld();
    await expect(runAsk(world.context, ['hi'], options({ continueLast: true }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'There is no conversation to continue yet.',
    });
  });

  it('prints usage and cost on stderr with --usage', async () => {
    const world = fakeWorld();
    await runAsk(world.context, ['hi'], options({ usage: true }));
    expect(world.io.stderr.text()).toContain('usage: 10 in + 5 out = 15 tokens · ~$0.000105 · 3 ms');
  });

  it('renders Markdown on a terminal, plain text with NO_COLOR', async () => {
    const styled = fakeWorld({ replies: [{ text: '**bold**' }], stdoutTTY: true });
    await runAsk(styled.context, ['hi'], options());
    expect(styled.io.stdout.text()).toBe('\x1b[1mbold\x1b[22m\n');
    const plain = fakeWorld({ replies: [{ text: '**bold**' }], stdoutTTY: true, env: { NO_COLOR: '1' } });
    await runAsk(plain.context, ['hi'], options());
    expect(plain.io.stdout.text()).toBe('**bold**\n');
  });

  it('cancels on Ctrl-C, leaving the stored conversation unchanged', async () => {
    const store = createMemoryStore();
    const world = fakeWorld({ store, replies: [{ text: 'one' }, { text: 'partial reply', hang: true }] });
    await runAsk(world.context, ['first'], options());
    const before = await store.list();
    world.client.onHang = world.interrupt;
    await expect(runAsk(world.context, ['second'], options({ continueLast: true }))).rejects.toMatchObject({
      code: 'ABORTED',
      category: 'interrupted',
      details: expect.objectContaining({ conversationUnchanged: true }),
    });
    expect(world.io.stdout.text()).toBe('one\npartial \n');
    expect(await store.list()).toEqual(before);
  });

  it('lets model errors through for the exit-code mapping', async () => {
    const denied = new BedrockChatError({
      code: 'MODEL_ACCESS_DENIED',
      message: 'Model access not granted.',
    });
    const world = fakeWorld({ replies: [{ error: denied }] });
    await expect(runAsk(world.context, ['hi'], options())).rejects.toMatchObject({ category: 'model' });
    expect((await world.store.list()).conversations).toEqual([]);
  });

  it('with --think sends thinking and effort, shows the reasoning on stderr only, and puts it in --json', async () => {
    for (const stream of [true, false]) {
      const world = fakeWorld({ replies: [{ text: 'Four.', reasoning: 'Two and two.' }] });
      const thinking = options({ stream, thinking: true, effort: 'high' });
      expect(await runAsk(world.context, ['2+2?'], thinking)).toBe(0);
      expect(world.client.calls[0]?.options).toMatchObject({ thinking: true, effort: 'high' });
      expect(world.io.stdout.text()).toBe('Four.\n');
      expect(world.io.stderr.text()).toContain('Two and two.\n\n');
    }
    const json = fakeWorld({ replies: [{ text: 'Four.', reasoning: 'Two and two.' }] });
    await runAsk(json.context, ['2+2?'], options({ thinking: { budgetTokens: 2048 }, json: true }));
    expect(json.client.calls[0]?.options).toMatchObject({ thinking: { budgetTokens: 2048 } });
    expect(JSON.parse(json.io.stdout.text())).toMatchObject({ text: 'Four.', reasoning: 'Two and two.' });
    expect(json.io.stderr.text()).not.toContain('Two and two.');
  });
});
