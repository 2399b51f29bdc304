import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { fakeWorld } from '../../test/fakes.js';
import {
  runConversationsExport,
  runConversationsImport,
  runConversationsList,
  runConversationsRemove,
  runConversationsRename,
  runConversationsShow,
} from './conversations.js';

async function seeded() {
  let tick = 0;
  const store = createMemoryStore({ now: () => new Date(Date.UTC(2026, 0, 1, 12, tick++)) });
  const tea = await store.create({
    title: 'Tea',
    model: 'haiku',
    messages: [
      { role: 'user', content: [{ text: 'Green or black tea?' }] },
      {
        role: 'assistant',
        content: [{ text: 'Green.' }],
        modelId: 'us.x',
        usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
      },
    ],
  });
  const coffee = await store.create({
    title: 'Coffee',
    messages: [{ role: 'user', content: [{ text: 'Espresso?' }] }],
  });
  return { store, tea, coffee };
}

describe('conversations commands', () => {
  it('lists most recent first, as a table or JSON', async () => {
    const { store, tea, coffee } = await seeded();
    const world = fakeWorld({ store });
    await runConversationsList(world.context, { limit: 20, json: false });
    expect(world.io.stdout.text()).toBe(
      [
        'ID                          UPDATED (UTC)     MSGS  TITLE',
        `${coffee.id}  2026-01-01 12:01     1  Coffee`,
        `${tea.id}  2026-01-01 12:00     2  Tea`,
        '',
      ].join('\n'),
    );
    const json = fakeWorld({ store });
    await runConversationsList(json.context, { limit: 1, json: true, search: 'green' });
    expect(JSON.parse(json.io.stdout.text())).toEqual([
      {
        id: tea.id,
        title: 'Tea',
        model: 'haiku',
        createdAt: '2026-01-01T12:00:00.000Z',
        updatedAt: '2026-01-01T12:00:00.000Z',
        messageCount: 2,
      },
    ]);
  });

  it('says so when there is nothing to list', async () => {
    const world = fakeWorld();
    await runConversationsList(world.context, { limit: 20, json: false });
    expect(world.io.stdout.text()).toBe('');
    expect(world.io.stderr.text()).toBe('No conversations yet.\n');
  });

  it('shows a conversation as Markdown or as JSON with Converse messages', async () => {
    const { store, tea } = await seeded();
    const world = fakeWorld({ store });
    await runConversationsShow(world.context, tea.id, { json: true });
    const json = JSON.parse(world.io.stdout.text());
    expect(json).toMatchObject({ id: tea.id, owner: 'local', title: 'Tea', messageCount: 2, inputTokens: 3 });
    expect(json.messages).toEqual([
      { role: 'user', content: [{ text: 'Green or black tea?' }] },
      { role: 'assistant', content: [{ text: 'Green.' }] },
    ]);
    const text = fakeWorld({ store });
    await runConversationsShow(text.context, tea.id.toLowerCase(), { json: false });
    expect(text.io.stdout.text()).toContain('Green or black tea?');
  });

  it('shows the prompt-cache totals and what caching saved, in the transcript and in --json', async () => {
    const store = createMemoryStore();
    const cached = await store.create({
      title: 'Handbook',
      messages: [
        { role: 'user', content: [{ text: 'Summarise the handbook.' }] },
        {
          role: 'assistant',
          content: [{ text: 'Done.' }],
          modelId: 'us.x',
          usage: { inputTokens: 30, outputTokens: 8, totalTokens: 6038, cacheWriteInputTokens: 6000 },
          costUsd: 0.00763,
          cacheSavedUsd: -0.0015,
        },
        { role: 'user', content: [{ text: 'Shorter.' }] },
        {
          role: 'assistant',
          content: [{ text: 'Ok.' }],
          modelId: 'us.x',
          usage: { inputTokens: 20, outputTokens: 3, totalTokens: 6023, cacheReadInputTokens: 6000 },
          costUsd: 0.000635,
          cacheSavedUsd: 0.0054,
        },
      ],
    });
    const text = fakeWorld({ store });
    await runConversationsShow(text.context, cached.id, { json: false });
    const shown = text.io.stdout.text();
    expect(shown).toContain('- Tokens: 50 in / 11 out (estimated cost $0.0083)');
    expect(shown).toContain('- Prompt cache: 6000 read / 6000 written tokens (estimated saved $0.0039)');
    expect(shown).toContain('30 in / 8 out tokens · cache 0 read / 6000 written');
    const json = fakeWorld({ store });
    await runConversationsShow(json.context, cached.id, { json: true });
    expect(JSON.parse(json.io.stdout.text())).toMatchObject({
      inputTokens: 50,
      cacheReadInputTokens: 6000,
      cacheWriteInputTokens: 6000,
      cacheSavedUsd: 0.0039,
    });
  });

  it('renames, deletes and exports', async () => {
    const { store, tea } = await seeded();
    const world = fakeWorld({ store, cwd: mkdtempSync(join(tmpdir(), 'bc-export-')) });
    await runConversationsRename(world.context, tea.id, 'Tea choices');
    expect((await store.get(tea.id)).title).toBe('Tea choices');
    await runConversationsExport(world.context, tea.id, { format: 'json', output: 'tea.json', all: false });
    const exported = JSON.parse(readFileSync(join(world.io.cwd, 'tea.json'), 'utf8'));
    expect(exported).toMatchObject({
      format: 'bedrock-chat/conversation',
      conversation: { title: 'Tea choices' },
    });
    await runConversationsExport(world.context, tea.id, { format: 'markdown', all: false });
    expect(world.io.stdout.text()).toContain('Tea choices');
    await runConversationsRemove(world.context, tea.id);
    await expect(store.get(tea.id)).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
    expect(world.io.stderr.text()).toContain(`Deleted conversation ${tea.id}.`);
  });

  it('rejects unknown and malformed ids as invalid input', async () => {
    const world = fakeWorld();
    await expect(
      runConversationsShow(world.context, '01JDQ5Z8M3X4B2N7K9P0R6S1TV', { json: false }),
    ).rejects.toMatchObject({
      code: 'CONVERSATION_NOT_FOUND',
      category: 'invalid-input',
    });
    await expect(runConversationsRemove(world.context, 'nope')).rejects.toMatchObject({
      code: 'INVALID_CONVERSATION_ID',
      category: 'invalid-input',
    });
  });

  it('imports an export back, refuses its id while it is stored, and copies it with --new-id', async () => {
    const { store, tea } = await seeded();
    const world = fakeWorld({ store, cwd: mkdtempSync(join(tmpdir(), 'bc-import-')) });
    await runConversationsExport(world.context, tea.id, { format: 'json', output: 'tea.json', all: false });
    const exported = readFileSync(join(world.io.cwd, 'tea.json'), 'utf8');
    const before = await store.get(tea.id);
    await runConversationsRemove(world.context, tea.id);
    await runConversationsImport(world.context, 'tea.json', { newId: false, json: false, keepOwners: false });
    expect(await store.get(tea.id)).toEqual(before);
    expect(world.io.stderr.text()).toContain(`Imported conversation ${tea.id} ("Tea", 2 messages).`);
    await expect(
      runConversationsImport(world.context, 'tea.json', { newId: false, json: false, keepOwners: false }),
    ).rejects.toMatchObject({
      code: 'CONVERSATION_CONFLICT',
      message: `A conversation with id ${tea.id} already exists.`,
      hint: expect.stringContaining('`--new-id`'),
    });
    const piped = fakeWorld({ store, stdin: exported });
    await runConversationsImport(piped.context, '-', { newId: true, json: true, keepOwners: false });
    const copy = JSON.parse(piped.io.stdout.text());
    expect(copy).toMatchObject({ title: 'Tea', messageCount: 2 });
    expect(copy.id).not.toBe(tea.id);
    expect(piped.io.stderr.text()).toBe(
      `Imported a copy as ${copy.id} ("Tea", 2 messages): ${tea.id} is already stored.\n`,
    );
    expect((await store.get(copy.id)).messages).toEqual(before.messages);
  });

  it('never writes control sequences from a stored title or message to the terminal', async () => {
    const store = createMemoryStore();
    const hostile = '\u001b]0;pwned\u0007\u001b[31mRED';
    const created = await store.create({
      title: hostile,
      messages: [
        { role: 'user', content: [{ text: `Clear this: \u001b[2J${hostile}` }] },
        { role: 'assistant', content: [{ text: 'Done.\u001b]52;c;ZXZpbA==\u0007' }] },
      ],
    });
    const world = fakeWorld({ store });
    await runConversationsList(world.context, { limit: 20, json: false });
    await runConversationsShow(world.context, created.id, { json: false });
    await runConversationsRename(world.context, created.id, `${hostile} again`);
    const shown = world.io.stdout.text() + world.io.stderr.text();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting none reached the output.
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(world.io.stdout.text()).toContain('\\x1b]0;pwned\\x07\\x1b[31mRED');
    expect(world.io.stdout.text()).toContain('Done.\\x1b]52;c;ZXZpbA==\\x07');
    // JSON stays the stored text exactly (escaped by JSON itself), for programs.
    const json = fakeWorld({ store });
    await runConversationsList(json.context, { limit: 20, json: true });
    expect(JSON.parse(json.io.stdout.text())[0].title).toBe(`${hostile} again`);
  });

  it('refuses a file that is missing or not an export as invalid input, importing nothing', async () => {
    const world = fakeWorld({ cwd: mkdtempSync(join(tmpdir(), 'bc-import-')), stdin: '{"format":"x"}' });
    await expect(
      runConversationsImport(world.context, 'missing.json', { newId: false, json: false, keepOwners: false }),
    ).rejects.toMatchObject({
      category: 'invalid-input',
      message: expect.stringMatching(/^Cannot read .*missing\.json/),
    });
    await expect(
      runConversationsImport(world.context, '-', { newId: false, json: false, keepOwners: false }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Not a bedrock-chat conversation export: its format is "x", not "bedrock-chat/conversation"',
    });
    expect((await world.store.list()).conversations).toEqual([]);
  });
});
