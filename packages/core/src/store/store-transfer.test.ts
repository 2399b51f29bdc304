import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';
import { importConversations, splitExportFile } from './store-transfer.js';

const V4 = JSON.parse(readFileSync(new URL('./__fixtures__/export-v4.json', import.meta.url), 'utf8'));
const ownedBy = (owner: string) => ({ ...V4, conversation: { ...V4.conversation, owner } });

describe('importConversations with keepOwners', () => {
  it('refuses an owner no tokens file can name (it could never be reached), and imports the others', async () => {
    const store = createMemoryStore();
    const outcomes = await importConversations(
      store,
      [ownedBy('alice#CONV#x'), ownedBy('a'.repeat(129)), ownedBy('alice@example.com')],
      { keepOwners: true, onExistingId: 'new-id' },
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, false, true]);
    const [hash, long] = outcomes;
    expect(hash?.ok === false && hash.error).toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'Not a bedrock-chat conversation export: conversation.owner "alice#CONV#x" is not a principal a tokens file can name (a principal is 1–128 letters, digits and . _ @ + - (starting with a letter or digit))',
    });
    expect(long?.ok === false && long.error.message).toContain(`"${'a'.repeat(40)}…" is not a principal`);
    expect(await store.owners()).toEqual(['alice@example.com']);
  });

  it('without keepOwners, any stored owner is fine: the conversation becomes the importer’s', async () => {
    const [outcome] = await importConversations(createMemoryStore(), [ownedBy('alice#CONV#x')]);
    expect(outcome).toMatchObject({ ok: true, conversation: { owner: 'local' } });
  });
});

describe('splitExportFile', () => {
  it('numbers the lines of a JSON Lines file, skipping blank ones', () => {
    expect(splitExportFile('{"a":1}\n\n{"b":2}\n')).toEqual([
      { line: 1, document: { a: 1 } },
      { line: 3, document: { b: 2 } },
    ]);
    expect(splitExportFile('{\n  "a": 1\n}\n')).toEqual([{ line: 1, document: { a: 1 } }]);
  });
});
