import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { failure } from './__fixtures__/expect-failure.js';
import { parseConversationExport } from './conversation-export.js';
import { CONVERSATION_EXPORT_VERSION } from './conversation-schemas.js';
import { createMemoryStore } from './memory-store.js';
import { LOCAL_PRINCIPAL } from './store-owner.js';

/** A version-1 export as bedrock-chat wrote it: it must import for as long as version 1 exists. */
const V1_TEXT = readFileSync(new URL('./__fixtures__/export-v1.json', import.meta.url), 'utf8');
const v1 = () => JSON.parse(V1_TEXT) as Record<string, unknown> & { conversation: Record<string, unknown> };

async function importError(document: unknown) {
  return failure(createMemoryStore().import(document));
}

describe('reading a conversation export', () => {
  it('reads a document without a version as version 1', () => {
    const { version: _version, ...unversioned } = v1();
    expect(parseConversationExport(unversioned)).toEqual(parseConversationExport(V1_TEXT));
  });

  it("reads a version-1 document as the local user's, and a version-2 one with the owner it names", () => {
    expect(parseConversationExport(V1_TEXT)).toMatchObject({
      version: CONVERSATION_EXPORT_VERSION,
      conversation: { owner: LOCAL_PRINCIPAL },
    });
    const v2 = { ...v1(), version: 2, conversation: { ...v1().conversation, owner: 'alice' } };
    expect(parseConversationExport(v2).conversation.owner).toBe('alice');
  });

  it('refuses a version-2 document without an owner, or with one that is no principal', async () => {
    const { conversation } = v1();
    const without = await importError({ ...v1(), version: 2 });
    expect(without.message).toContain('conversation.owner: ');
    const blank = await importError({ ...v1(), version: 2, conversation: { ...conversation, owner: ' x' } });
    expect(blank.message).toContain('conversation.owner: a principal has no leading or trailing spaces');
    // Version 1 had no owners: a document claiming one is not a version-1 document.
    const claimed = await importError({ ...v1(), conversation: { ...conversation, owner: 'alice' } });
    expect(claimed.message).toContain('Unrecognized key: "owner"');
  });

  it('refuses a version from a newer bedrock-chat, saying so', async () => {
    const newer = CONVERSATION_EXPORT_VERSION + 1;
    const error = await importError({ ...v1(), version: newer });
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: `This conversation export is version ${newer}, written by a newer bedrock-chat; this one reads versions 1 to ${CONVERSATION_EXPORT_VERSION}.`,
      hint: 'Upgrade bedrock-chat to import it.',
    });
  });

  it('says which role a message out of turn should have, with the import hint', async () => {
    const document = v1();
    const messages = document.conversation.messages as { role: string }[];
    const second = messages[1];
    if (second) second.role = 'user';
    expect(await importError(document)).toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'Not a bedrock-chat conversation export: message at position 1 must be an assistant message (roles alternate, starting with the user).',
      hint: expect.stringContaining('conversations export --format json'),
    });
  });

  it('names what is wrong, with where, for every kind of bad document', async () => {
    const message = async (document: unknown) => (await importError(document)).message;
    expect(await message('{"format": ')).toMatch(
      /^Not a bedrock-chat conversation export: the text is not JSON \(/,
    );
    expect(await message('[1, 2]')).toBe('Not a bedrock-chat conversation export: the JSON is not an object');
    expect(await message('{}')).toBe('Not a bedrock-chat conversation export: it has no "format" field');
    expect(await message({ ...v1(), format: 'chatgpt' })).toBe(
      'Not a bedrock-chat conversation export: its format is "chatgpt", not "bedrock-chat/conversation"',
    );
    expect(await message({ ...v1(), version: 'one' })).toBe(
      'Not a bedrock-chat conversation export: version must be a whole number from 1',
    );
    const broken = v1();
    const messages = broken.conversation.messages as Record<string, unknown>[];
    messages[1] = { ...messages[1], role: 'robot', createdAt: 'yesterday' };
    const text = await message(broken);
    expect(text).toContain('conversation.messages.1.role: ');
    expect(text).toContain('conversation.messages.1.createdAt: ');
    const shuffled = v1();
    (shuffled.conversation.messages as Record<string, unknown>[])[2] = {
      ...(shuffled.conversation.messages as Record<string, unknown>[])[2],
      position: 5,
    };
    expect(await message(shuffled)).toBe(
      'Not a bedrock-chat conversation export: conversation.messages.2: position is 5, expected 2',
    );
    const error = await importError({ ...v1(), format: 'x' });
    expect(error.hint).toBe(
      'Import a file written by `conversations export --format json` (format "bedrock-chat/conversation").',
    );
  });
});

describe('a conversation with tool steps', () => {
  const V3_TEXT = readFileSync(new URL('./__fixtures__/export-v3.json', import.meta.url), 'utf8');

  it('reads version 3, where a placeholder reply may be interrupted', () => {
    const parsed = parseConversationExport(V3_TEXT);
    expect(parsed.version).toBe(CONVERSATION_EXPORT_VERSION);
    expect(parsed.conversation.messages.at(-1)).toMatchObject({ stopReason: 'interrupted', modelId: null });
  });

  it('shows each call with its input and each result in the Markdown transcript', async () => {
    const store = createMemoryStore();
    const imported = await store.import(V3_TEXT);
    const markdown = await store.export(imported.id, 'markdown');
    expect(markdown).toContain('Let me look.\n\n*[tool call: fs__list_directory]* `{"path":"./notes"}`');
    expect(markdown).toContain('*[tool result]* [FILE] ideas.md\n[FILE] todo.md');
    expect(markdown).toContain(
      '*[tool error]* Interrupted: the user cancelled the turn before the tool finished.',
    );
    expect(markdown).toMatch(
      /## Assistant · interrupted · 2026-12-01T10:00:07\.000Z\n\n\(bedrock-chat: this turn was interrupted/,
    );
  });
});

describe('a conversation with files (version 4)', () => {
  const V4_TEXT = readFileSync(new URL('./__fixtures__/export-v4.json', import.meta.url), 'utf8');
  const v4 = () =>
    JSON.parse(V4_TEXT) as {
      files: Record<string, string>;
      conversation: { messages: { content: Record<string, { source?: { blob?: { size: number } } }>[] }[] };
    };
  const [pdfHash = '', pngHash = ''] = Object.keys(v4().files);

  it('refuses a file whose bytes do not have the hash it is listed under', async () => {
    const document = v4();
    document.files[pngHash] = document.files[pdfHash] ?? '';
    expect((await importError(document)).message).toBe(
      `Not a bedrock-chat conversation export: files.${pngHash}: the bytes do not have that SHA-256`,
    );
  });

  it('refuses a document name Bedrock would refuse, which would make every later turn fail', async () => {
    const message = async (name: string) => {
      const document = v4() as unknown as {
        conversation: { messages: { content: { document?: { name: string } }[] }[] };
      };
      const block = document.conversation.messages[0]?.content[0]?.document;
      if (block) block.name = name;
      return (await importError(document)).message;
    };
    expect(await message('../../etc/passwd')).toBe(
      'Not a bedrock-chat conversation export: conversation.messages.0: document "../../etc/passwd": Bedrock takes only letters, digits, single spaces, hyphens, underscores, parentheses and square brackets in a document name',
    );
    expect(await message('two  spaces')).toContain('document "two  spaces": Bedrock takes only');
    expect(await message('x'.repeat(201))).toContain(
      'a document name has 1–200 characters (this one has 201)',
    );
    // What documentNameFor makes, and what Bedrock takes besides, still imports.
    await expect(createMemoryStore().import(JSON.parse(V4_TEXT))).resolves.toMatchObject({ messageCount: 6 });
  });

  it('refuses a reference to a file the document does not carry, or of another size', async () => {
    const missing = v4();
    delete missing.files[pngHash];
    expect((await importError(missing)).message).toBe(
      `Not a bedrock-chat conversation export: conversation.messages.0 refers to file ${pngHash}, which is not in files`,
    );
    const resized = v4();
    const image = resized.conversation.messages[0]?.content[1]?.image;
    if (image?.source?.blob) image.source.blob.size += 1;
    expect((await importError(resized)).message).toMatch(
      new RegExp(
        `^Not a bedrock-chat conversation export: conversation.messages.0: file ${pngHash} has \\d+ bytes, not \\d+$`,
      ),
    );
  });

  it('shows each file by name and size in the Markdown transcript, without its bytes', async () => {
    const store = createMemoryStore();
    const imported = await store.import(V4_TEXT);
    const markdown = await store.export(imported.id, 'markdown');
    expect(markdown).toContain('*[attachment: report (pdf document, 47 bytes)]*');
    expect(markdown).toContain('*[attachment: chart.png (png image, 44 bytes)]*');
    expect(markdown).toContain('*[tool result]* plotted [image]');
  });
});

describe('a conversation that used the prompt cache (version 5)', () => {
  const V5_TEXT = readFileSync(new URL('./__fixtures__/export-v5.json', import.meta.url), 'utf8');

  it('shows the cache totals, what caching saved, and each reply’s reads and writes in Markdown', async () => {
    const store = createMemoryStore();
    const imported = await store.import(V5_TEXT);
    const markdown = await store.export(imported.id, 'markdown');
    expect(markdown).toContain('- Tokens: 750 in / 120 out (estimated cost $0.0074)\n');
    expect(markdown).toContain('- Prompt cache: 8400 read / 4200 written tokens (estimated saved $0.0065)\n');
    expect(markdown).toMatch(/## Assistant · [^\n]*200 in \/ 40 out tokens · cache 0 read \/ 4200 written/);
    expect(markdown).toMatch(/## Assistant · [^\n]*250 in \/ 40 out tokens · cache 4200 read \/ 0 written/);
  });

  it('reads a version-4 document with the cache token sums from its messages and nothing saved', () => {
    const v4 = JSON.parse(V5_TEXT.replace('"version": 5', '"version": 4'));
    const { cacheReadInputTokens, cacheWriteInputTokens, cacheSavedUsd, ...conversation } = v4.conversation;
    v4.conversation = {
      ...conversation,
      messages: conversation.messages.map(
        ({ cacheSavedUsd: _saved, ...message }: object & { cacheSavedUsd: unknown }) => message,
      ),
    };
    const parsed = parseConversationExport(v4);
    expect(parsed.conversation).toMatchObject({
      cacheReadInputTokens,
      cacheWriteInputTokens,
      cacheSavedUsd: 0,
    });
    expect(cacheSavedUsd).toBeGreaterThan(0);
    expect(parsed.conversation.messages.every((message) => message.cacheSavedUsd === null)).toBe(true);
  });
});
