import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import type { ChatClient } from '@bedrock-chat/core';
import { openSqliteStore, type SqliteConversationStore } from '@bedrock-chat/core/sqlite';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { type CallToolResult, ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PDF_BYTES, pngBytes, sha16 } from '../../cli/test/sample-files.js';
import { createServer } from '../src/create-server.js';
import { type FileAccess, loadFileAccess } from '../src/files/file-roots.js';
import { testConfig } from './helpers/connect.js';
import { emulatorClient, tempHome } from './helpers/emulator-env.js';

let emulator: Emulator;
let chatClient: ChatClient;
let home: ReturnType<typeof tempHome>;
/** The file roots' parent: `shared` is a root, `private` is not. */
let disk: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  chatClient = emulatorClient(emulator);
});
afterAll(async () => {
  chatClient.close();
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
  home = tempHome();
  disk = realpathSync(mkdtempSync(join(tmpdir(), 'bedrock-chat-mcp-files-')));
  mkdirSync(join(disk, 'shared', 'sub'), { recursive: true });
  mkdirSync(join(disk, 'private'));
  writeFileSync(join(disk, 'shared', 'report.pdf'), PDF_BYTES);
  writeFileSync(join(disk, 'shared', 'sub', 'chart.png'), pngBytes(640, 480));
  writeFileSync(join(disk, 'private', 'secret.pdf'), PDF_BYTES);
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  home.remove();
  rmSync(disk, { recursive: true, force: true });
});

const ROOTS = 'BEDROCK_CHAT_MCP_FILE_ROOTS';

interface StartOptions {
  files?: FileAccess;
  /** Roots the client shares (it then declares the capability). */
  clientRoots?: string[];
}

async function start(options: StartOptions = {}) {
  const store: SqliteConversationStore = openSqliteStore({ path: join(home.path, 'conversations.db') });
  const files = options.files ?? loadFileAccess({ [ROOTS]: join(disk, 'shared') }, 'stdio');
  const server = createServer({ store, runner: chatClient, config: testConfig({ files }) });
  const client = new Client(
    { name: 'test-client', version: '1.0.0' },
    { capabilities: options.clientRoots === undefined ? {} : { roots: { listChanged: false } } },
  );
  let rootsAsked = 0;
  if (options.clientRoots !== undefined) {
    const roots = options.clientRoots.map((path) => ({
      uri: path.includes('://') ? path : pathToFileURL(path).href,
    }));
    client.setRequestHandler(ListRootsRequestSchema, async () => {
      rootsAsked += 1;
      return { roots };
    });
  }
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  closers.push(async () => {
    await client.close();
    await server.close();
    await store.close();
  });
  const chat = async (args: Record<string, unknown>) =>
    (await client.callTool({ name: 'chat', arguments: args })) as CallToolResult;
  return { client, store, chat, rootsAsked: () => rootsAsked };
}

const text = (result: CallToolResult) =>
  result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
const converseCalls = () =>
  emulator.requests.filter((request) => request.operation.startsWith('Converse')).length;

describe('chat files', () => {
  it('attaches images and documents under the roots; the model receives them and the turn keeps them', async () => {
    const { chat, store } = await start();
    const png = pngBytes(640, 480);
    const result = await chat({
      prompt: 'What changed?',
      files: [join(disk, 'shared', 'sub', 'chart.png'), join(disk, 'shared', 'report.pdf')],
    });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { text: string }).text).toBe(
      [
        'Echo: What changed?',
        `[message 1: image png, ${png.length} bytes, 640x480, sha256 ${sha16(png)}]`,
        `[message 1: document "report" pdf, ${PDF_BYTES.length} bytes, sha256 ${sha16(PDF_BYTES)}]`,
      ].join('\n'),
    );
    const { conversationId } = result.structuredContent as { conversationId: string };
    const stored = await store.get(conversationId);
    expect(stored.messages[0]?.content.map((block) => Object.keys(block)[0])).toEqual([
      'image',
      'document',
      'text',
    ]);
    // A continued conversation sends the files again with its history.
    const next = await chat({ prompt: 'And now?', conversationId });
    expect((next.structuredContent as { text: string }).text).toContain('[message 1: document "report" pdf');
  });

  it('follows a symlink that stays inside the roots, naming the file as passed', async () => {
    symlinkSync(join(disk, 'shared', 'report.pdf'), join(disk, 'shared', 'Latest figures.pdf'));
    const { chat } = await start();
    const result = await chat({ prompt: 'Sum up', files: [join(disk, 'shared', 'Latest figures.pdf')] });
    expect((result.structuredContent as { text: string }).text).toContain('document "Latest figures" pdf');
  });

  const refusals: [name: string, path: () => string, message: () => string][] = [
    [
      'a relative path',
      () => 'report.pdf',
      () => 'report.pdf: not an absolute path; files takes absolute paths.',
    ],
    [
      'a path outside the roots',
      () => join(disk, 'private', 'secret.pdf'),
      () => `${join(disk, 'private', 'secret.pdf')} is outside the file roots (${ROOTS}).`,
    ],
    [
      'a .. climbing out',
      () => `${join(disk, 'shared')}/../private/secret.pdf`,
      () => `${join(disk, 'private', 'secret.pdf')} is outside the file roots (${ROOTS}).`,
    ],
    [
      'a sibling whose name starts like the root',
      () => `${join(disk, 'shared')}-evil/x.pdf`,
      () => `${join(disk, 'shared')}-evil/x.pdf is outside the file roots (${ROOTS}).`,
    ],
    [
      'a symlink leading out',
      () => join(disk, 'shared', 'escape.pdf'),
      () =>
        `${join(disk, 'shared', 'escape.pdf')} resolves (through a symlink) to a path outside the file roots (${ROOTS}).`,
    ],
    [
      'a symlinked directory leading out',
      () => join(disk, 'shared', 'elsewhere', 'secret.pdf'),
      () =>
        `${join(disk, 'shared', 'elsewhere', 'secret.pdf')} resolves (through a symlink) to a path outside the file roots (${ROOTS}).`,
    ],
    [
      'a missing file',
      () => join(disk, 'shared', 'nope.pdf'),
      () => `${join(disk, 'shared', 'nope.pdf')}: no such file.`,
    ],
    [
      'a directory',
      () => join(disk, 'shared', 'sub'),
      () => `${join(disk, 'shared', 'sub')}: is a directory, not a file to attach.`,
    ],
  ];
  it.for(refusals)(
    'refuses %s as an isError naming the rule; nothing is sent or stored',
    async ([, path, message]) => {
      symlinkSync(join(disk, 'private', 'secret.pdf'), join(disk, 'shared', 'escape.pdf'));
      symlinkSync(join(disk, 'private'), join(disk, 'shared', 'elsewhere'));
      const { chat, store } = await start();
      const result = await chat({ prompt: 'Read it', files: [join(disk, 'shared', 'report.pdf'), path()] });
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toBeUndefined();
      expect(text(result)).toContain(message());
      expect(converseCalls()).toBe(0);
      expect((await store.list({ limit: 10 })).conversations).toEqual([]);
    },
  );

  it('says files are off when no roots are set, naming the variable', async () => {
    const { chat, client } = await start({ files: loadFileAccess({}, 'stdio') });
    const result = await chat({ prompt: 'Read it', files: [join(disk, 'shared', 'report.pdf')] });
    expect(text(result)).toBe(
      `files: this server reads no files (${ROOTS} is unset).\nHint: Omit files, or tell the user who runs this MCP server to set ${ROOTS} to the directories it may read.`,
    );
    const { tools } = await client.listTools();
    const files = tools.find((tool) => tool.name === 'chat')?.inputSchema.properties?.files as {
      description: string;
    };
    expect(files.description).toBe(`Absolute paths of files to attach; off here (${ROOTS} unset)`);
  });

  it('names the roots in the schema when files are on', async () => {
    const { client } = await start();
    const { tools } = await client.listTools();
    const files = tools.find((tool) => tool.name === 'chat')?.inputSchema.properties?.files as {
      description: string;
      maxItems: number;
    };
    expect(files.description).toContain(
      `to attach, under ${join(disk, 'shared')}; ≤ 20 images and 5 documents`,
    );
    expect(files.maxItems).toBe(25);
  });

  it("checks core's limits over the whole request: six documents are refused", async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f'])
      writeFileSync(join(disk, 'shared', `${name}.pdf`), PDF_BYTES);
    const { chat } = await start();
    const files = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => join(disk, 'shared', `${name}.pdf`));
    const result = await chat({ prompt: 'Compare', files });
    expect(text(result)).toContain('f: the request would hold 6 documents; Bedrock takes at most 5');
    const tooMany = await chat({ prompt: 'Compare', files: Array.from({ length: 26 }, () => files[0]) });
    expect(tooMany.isError).toBe(true);
    expect(text(tooMany)).toContain('expected array to have <=25 items at files');
    expect(converseCalls()).toBe(0);
  });

  it("narrows to the client's roots: a file under the server's roots but outside the client's is refused", async () => {
    const { chat, rootsAsked } = await start({ clientRoots: [join(disk, 'shared', 'sub')] });
    const inside = await chat({ prompt: 'Look', files: [join(disk, 'shared', 'sub', 'chart.png')] });
    expect(inside.isError).toBeFalsy();
    const outside = await chat({ prompt: 'Read', files: [join(disk, 'shared', 'report.pdf')] });
    expect(text(outside)).toContain(
      `${join(disk, 'shared', 'report.pdf')} is outside the roots this client shares (roots/list: ${pathToFileURL(join(disk, 'shared', 'sub')).href}).`,
    );
    expect(rootsAsked()).toBe(2);
    expect(converseCalls()).toBe(1);
  });

  it("never widens: a client root above the server's roots grants nothing more", async () => {
    const { chat } = await start({ clientRoots: [disk] });
    const result = await chat({ prompt: 'Read', files: [join(disk, 'private', 'secret.pdf')] });
    expect(text(result)).toContain(`is outside the file roots (${ROOTS})`);
    const empty = await start({ clientRoots: [] });
    const none = await empty.chat({ prompt: 'Read', files: [join(disk, 'shared', 'report.pdf')] });
    expect(text(none)).toContain('is outside the roots this client shares (roots/list: none).');
  });

  it('a client root that is not a file:// URI grants nothing, and is no schema dump (found by the verifier)', async () => {
    const { chat } = await start({ clientRoots: ['https://example.com/shared', join(disk, 'shared')] });
    const read = await chat({ prompt: 'Read', files: [join(disk, 'shared', 'report.pdf')] });
    expect(read.isError).not.toBe(true);
    const odd = await start({ clientRoots: ['https://example.com/shared'] });
    const refused = await odd.chat({ prompt: 'Read', files: [join(disk, 'shared', 'report.pdf')] });
    expect(text(refused)).toContain('is outside the roots this client shares (roots/list: none).');
    expect(text(refused)).not.toMatch(/invalid_|"code"|failed \(/);
  });

  it('asks the client for roots only when files are passed', async () => {
    const { chat, rootsAsked } = await start({ clientRoots: [disk] });
    await chat({ prompt: 'hi' });
    expect(rootsAsked()).toBe(0);
  });
});
