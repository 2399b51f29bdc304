import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type CallToolResult, ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PDF_BYTES, sha16 } from '../../cli/test/sample-files.js';
import { assertBuilt, BIN_PATH, type HttpBin, run, startHttpBin } from './helpers/bin.js';
import { emulatorEnv, tempHome } from './helpers/emulator-env.js';

let emulator: Emulator;
let home: ReturnType<typeof tempHome>;
/** `shared` is the root; `shared/sub` is what a client shares; `locked.pdf` only root may read. */
let disk: string;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator();
  home = tempHome();
  // The server runs as nobody in the permission cases: the files must be reachable.
  disk = realpathSync(mkdtempSync(join(tmpdir(), 'bedrock-chat-mcp-files-e2e-')));
  chmodSync(disk, 0o755);
  mkdirSync(join(disk, 'shared', 'sub'), { recursive: true, mode: 0o755 });
  writeFileSync(join(disk, 'shared', 'report.pdf'), PDF_BYTES, { mode: 0o644 });
  writeFileSync(join(disk, 'shared', 'sub', 'notes.md'), '# Notes\n', { mode: 0o644 });
  writeFileSync(join(disk, 'shared', 'locked.pdf'), PDF_BYTES, { mode: 0o600 });
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(async () => {
  await emulator.close();
  home.remove();
  rmSync(disk, { recursive: true, force: true });
});

const text = (result: CallToolResult) =>
  result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');

/** A real SDK client; with `roots` it declares the capability and answers roots/list with them. */
function clientWithRoots(roots: readonly string[] | undefined): Client {
  const client = new Client(
    { name: 'files-e2e', version: '1.0.0' },
    { capabilities: roots === undefined ? {} : { roots: {} } },
  );
  if (roots !== undefined) {
    client.setRequestHandler(ListRootsRequestSchema, async () => ({
      roots: roots.map((path) => ({ uri: pathToFileURL(path).href })),
    }));
  }
  return client;
}

async function stdioServer(options: {
  env: Record<string, string>;
  roots?: string[];
  /** Run as nobody, with a data directory of its own. */
  asNobody?: boolean;
}) {
  let dataDir = home.path;
  if (options.asNobody) {
    const own = tempHome();
    chmodSync(own.path, 0o777);
    closers.push(async () => own.remove());
    dataDir = own.path;
  }
  const argv = [process.execPath, BIN_PATH];
  if (options.asNobody) argv.unshift('setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups');
  const [command = '', ...args] = argv;
  const transport = new StdioClientTransport({
    command,
    args,
    env: { ...emulatorEnv(emulator, dataDir), ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = clientWithRoots(options.roots);
  await client.connect(transport);
  closers.push(() => client.close());
  const chat = async (args: Record<string, unknown>) =>
    (await client.callTool({ name: 'chat', arguments: args })) as CallToolResult;
  return { chat, stderr: () => stderr };
}

describe('files over stdio (the built bin, a real SDK client)', () => {
  it('reads files under BEDROCK_CHAT_MCP_FILE_ROOTS, narrowed by the roots the client shares', async () => {
    const server = await stdioServer({
      env: { BEDROCK_CHAT_MCP_FILE_ROOTS: join(disk, 'shared') },
      roots: [join(disk, 'shared', 'sub')],
    });
    const notes = await server.chat({ prompt: 'Sum up', files: [join(disk, 'shared', 'sub', 'notes.md')] });
    expect((notes.structuredContent as { text: string }).text).toBe(
      `Echo: Sum up\n[message 1: document "notes" md, 8 bytes, sha256 ${sha16(Buffer.from('# Notes\n'))}]`,
    );
    const report = await server.chat({ prompt: 'Sum up', files: [join(disk, 'shared', 'report.pdf')] });
    expect(report.isError).toBe(true);
    expect(text(report)).toContain(
      `${join(disk, 'shared', 'report.pdf')} is outside the roots this client shares`,
    );
    expect(server.stderr()).toContain(
      `files: chat may read files under ${join(disk, 'shared')} (BEDROCK_CHAT_MCP_FILE_ROOTS)`,
    );
  });

  it('as an unprivileged user: a file it may not read is refused with a hint for the operator', async () => {
    const server = await stdioServer({
      env: { BEDROCK_CHAT_MCP_FILE_ROOTS: join(disk, 'shared') },
      asNobody: true,
    });
    const ok = await server.chat({ prompt: 'Sum up', files: [join(disk, 'shared', 'report.pdf')] });
    expect((ok.structuredContent as { text: string }).text).toContain(`sha256 ${sha16(PDF_BYTES)}`);
    const locked = await server.chat({ prompt: 'Sum up', files: [join(disk, 'shared', 'locked.pdf')] });
    expect(text(locked)).toBe(
      `${join(disk, 'shared', 'locked.pdf')}: cannot be read (permission denied).\nHint: This server may not read that file. Tell the user who runs this MCP server; retrying will not help until they fix it.`,
    );
  });

  it('stops at start, exit 2, when a root is missing or the server may not reach it', async () => {
    const missing = await run(process.execPath, [BIN_PATH], {
      env: { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_MCP_FILE_ROOTS: join(disk, 'gone') },
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`BEDROCK_CHAT_MCP_FILE_ROOTS: ${join(disk, 'gone')} does not exist.`);
    const closed = join(disk, 'closed');
    mkdirSync(join(closed, 'inner'), { recursive: true, mode: 0o700 });
    chmodSync(closed, 0o700);
    const unreachable = await run(
      'setpriv',
      ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN_PATH],
      { env: { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_MCP_FILE_ROOTS: join(closed, 'inner') } },
    );
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain(
      `BEDROCK_CHAT_MCP_FILE_ROOTS: ${join(closed, 'inner')} cannot be resolved (EACCES).`,
    );
  });
});

describe('files over HTTP (the built bin --http, a real SDK client)', () => {
  async function httpServer(env: Record<string, string>) {
    const server: HttpBin = await startHttpBin({
      env: { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_MCP_TOKEN: 'files-token', ...env },
    });
    closers.push(() => server.stop());
    return server;
  }
  async function httpChat(server: HttpBin, roots?: string[]) {
    const client = clientWithRoots(roots);
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.url), {
        requestInit: { headers: { Authorization: 'Bearer files-token' } },
      }),
    );
    closers.push(() => client.close());
    return async (args: Record<string, unknown>) =>
      (await client.callTool({ name: 'chat', arguments: args })) as CallToolResult;
  }

  it('keeps files off unless BEDROCK_CHAT_MCP_HTTP_FILE_ROOTS is set (the stdio roots do not count)', async () => {
    const server = await httpServer({ BEDROCK_CHAT_MCP_FILE_ROOTS: join(disk, 'shared') });
    const chat = await httpChat(server);
    const result = await chat({ prompt: 'Sum up', files: [join(disk, 'shared', 'report.pdf')] });
    expect(text(result)).toContain(
      'files: this server reads no files (BEDROCK_CHAT_MCP_HTTP_FILE_ROOTS is unset).',
    );
    expect(server.stderr()).toContain(
      'files: off over HTTP (BEDROCK_CHAT_MCP_FILE_ROOTS is for stdio; set BEDROCK_CHAT_MCP_HTTP_FILE_ROOTS to let HTTP callers attach files)',
    );
  });

  it('reads files under BEDROCK_CHAT_MCP_HTTP_FILE_ROOTS, asking a client that shares roots over the session', async () => {
    const server = await httpServer({ BEDROCK_CHAT_MCP_HTTP_FILE_ROOTS: join(disk, 'shared') });
    const chat = await httpChat(server, [join(disk, 'shared')]);
    const result = await chat({ prompt: 'Sum up', files: [join(disk, 'shared', 'report.pdf')] });
    expect((result.structuredContent as { text: string }).text).toContain(
      `document "report" pdf, ${PDF_BYTES.length} bytes, sha256 ${sha16(PDF_BYTES)}`,
    );
    const outside = await chat({ prompt: 'Sum up', files: [`${join(disk, 'shared')}/../closed/x.pdf`] });
    expect(text(outside)).toContain(
      `${join(disk, 'closed', 'x.pdf')} is outside the file roots (BEDROCK_CHAT_MCP_HTTP_FILE_ROOTS).`,
    );
  });
});
