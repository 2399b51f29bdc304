// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references are the subject of these tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolCallContext } from '@bedrock-chat/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type McpToolSet, openMcpTools } from '../src/mcp-tool-set.js';
import type { McpServerConfig } from '../src/server-config.js';
import { EVERYTHING_SERVER, FILESYSTEM_SERVER, V2_SERVER } from './servers.js';

const CLIENT = { name: 'mcp-tools-test', version: '0.0.0' };
let notes: string;
let open: McpToolSet | undefined;

beforeAll(() => {
  notes = mkdtempSync(join(tmpdir(), 'mcp-tools-notes-'));
  writeFileSync(join(notes, 'groceries.md'), '- milk\n');
  writeFileSync(join(notes, 'todo.txt'), 'call Ann\n');
});
afterAll(() => rmSync(notes, { recursive: true, force: true }));
afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function tools(
  servers: Record<string, McpServerConfig>,
  startupTimeoutMs?: number,
): Promise<McpToolSet> {
  open = await openMcpTools({ servers, env: process.env, clientInfo: CLIENT, startupTimeoutMs });
  return open;
}

function context(): ToolCallContext {
  return { toolUseId: 'tooluse_1', step: 1, signal: new AbortController().signal };
}

function tool(set: McpToolSet, name: string) {
  const found = set.tools.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no tool ${name} in ${set.tools.map((t) => t.name).join(', ')}`);
  return found;
}

describe('@modelcontextprotocol/server-filesystem 2026.8.31 over stdio', () => {
  it('offers its tools namespaced and lists a directory', async () => {
    const set = await tools({ fs: { command: process.execPath, args: [FILESYSTEM_SERVER, notes] } });
    expect(set.warnings).toEqual([]);
    expect(set.servers).toMatchObject([{ name: 'fs', status: 'connected' }]);
    const list = tool(set, 'fs__list_directory');
    expect(list.displayName).toBe('fs:list_directory');
    expect(list.inputSchema).toMatchObject({ type: 'object', properties: { path: expect.any(Object) } });
    expect(list.inputSchema).not.toHaveProperty('$schema');
    const output = await list.execute?.({ path: notes }, context());
    expect(output).toEqual([{ text: expect.stringContaining('[FILE] groceries.md') }]);
    expect(JSON.stringify(output)).toContain('[FILE] todo.txt');
  });

  it('turns a refused path into a tool error', async () => {
    const set = await tools({ fs: { command: process.execPath, args: [FILESYSTEM_SERVER, notes] } });
    await expect(
      tool(set, 'fs__read_text_file').execute?.({ path: '/etc/passwd' }, context()),
    ).rejects.toThrow(/Access denied/);
  });
});

describe('@modelcontextprotocol/server-everything over stdio', () => {
  it('echoes, adds and returns an image as an image block', async () => {
    const set = await tools({
      everything: { command: process.execPath, args: [EVERYTHING_SERVER, 'stdio'] },
    });
    expect(set.warnings).toEqual([]);
    expect(await tool(set, 'everything__echo').execute?.({ message: 'hi' }, context())).toEqual([
      { text: 'Echo: hi' },
    ]);
    expect(
      JSON.stringify(await tool(set, 'everything__get-sum').execute?.({ a: 2, b: 3 }, context())),
    ).toContain('5');
    const image = (await tool(set, 'everything__get-tiny-image').execute?.({}, context())) as unknown[];
    expect(image).toContainEqual({ image: { format: 'png', source: { bytes: expect.any(String) } } });
  });
});

describe('a server on SDK v2 (@modelcontextprotocol/server 2.4) over stdio', () => {
  it('answers our 1.x client through the legacy handshake', async () => {
    const set = await tools({ v2: { command: process.execPath, args: [V2_SERVER] } });
    expect(set.tools.map((t) => t.name).sort()).toEqual(['v2__crash', 'v2__fail', 'v2__shout']);
    expect(await tool(set, 'v2__shout').execute?.({ text: 'quiet' }, context())).toEqual([{ text: 'QUIET' }]);
    await expect(tool(set, 'v2__fail').execute?.({}, context())).rejects.toThrow(/failed on purpose/);
  });

  it('says the server is gone when it crashed, with its last stderr line', async () => {
    const set = await tools({ v2: { command: process.execPath, args: [V2_SERVER] } });
    await expect(tool(set, 'v2__crash').execute?.({}, context())).rejects.toThrow(
      /the MCP server "v2" is no longer running \(stderr: fixture: crashing now\)/,
    );
    await expect(tool(set, 'v2__shout').execute?.({ text: 'x' }, context())).rejects.toThrow(
      /no longer running/,
    );
  });
});

describe('servers that do not start', () => {
  it('warns for each and keeps the others', async () => {
    const set = await tools(
      {
        fs: { command: process.execPath, args: [FILESYSTEM_SERVER, notes] },
        missing: { command: join(notes, 'no-such-binary') },
        exits: { command: process.execPath, args: ['-e', 'console.error("bad flag"); process.exit(2)'] },
        unset: { command: process.execPath, args: ['${MCP_TOOLS_TEST_UNSET_VAR}'] },
      },
      10_000,
    );
    expect(set.servers.map((server) => [server.name, server.status])).toEqual([
      ['fs', 'connected'],
      ['missing', 'failed'],
      ['exits', 'failed'],
      ['unset', 'failed'],
    ]);
    expect(set.warnings).toHaveLength(3);
    expect(set.warnings[0]).toMatch(
      /^MCP server "missing" is not available, its tools are left out: .*ENOENT/,
    );
    expect(set.warnings[1]).toMatch(/^MCP server "exits" is not available.*bad flag/);
    expect(set.warnings[2]).toContain('uses ${MCP_TOOLS_TEST_UNSET_VAR}, which is not set');
    expect(set.tools.every((t) => t.server === 'fs')).toBe(true);
  });

  it('never repeats a ${VAR} value in its warning (verifier: spawn /bin/<secret> ENOENT)', async () => {
    open = await openMcpTools({
      servers: {
        cmd: { command: join(notes, '${MCP_TOOLS_TEST_SECRET}') },
        env: {
          command: process.execPath,
          args: ['-e', 'console.error("token is " + process.env.T); process.exit(1)'],
          env: { T: '${MCP_TOOLS_TEST_SECRET}' },
        },
      },
      env: { ...process.env, MCP_TOOLS_TEST_SECRET: 'topsecret123' },
      clientInfo: CLIENT,
      startupTimeoutMs: 10_000,
    });
    expect(open.warnings).toHaveLength(2);
    expect(open.warnings[0]).toMatch(/ENOENT/);
    expect(open.warnings[1]).toContain('token is [redacted]');
    expect(open.warnings.join('\n')).not.toContain('topsecret123');
    expect(open.servers.map((server) => (server.status === 'failed' ? server.error : ''))).not.toContain(
      expect.stringContaining('topsecret123'),
    );
  });

  it("keeps Node's 'Cannot find module' in the warning of a server whose script is missing (was lost under the stack)", async () => {
    const set = await tools({
      typo: { command: process.execPath, args: [join(notes, 'no-such-server.js')] },
    });
    expect(set.warnings[0]).toMatch(
      /^MCP server "typo" is not available, its tools are left out: .*\(stderr: Error: Cannot find module '.*no-such-server\.js'\)$/,
    );
  });

  it('gives up on a server that does not answer within the start-up timeout', async () => {
    // A process that reads stdin and never answers the handshake.
    const set = await tools(
      { silent: { command: process.execPath, args: ['-e', 'process.stdin.resume()'] } },
      300,
    );
    expect(set.servers).toMatchObject([{ name: 'silent', status: 'failed' }]);
    expect(set.warnings[0]).toContain('it did not start within 300 ms');
    expect(set.tools).toEqual([]);
  });
});

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('closing', () => {
  it('ends every child process, and a second close is harmless', async () => {
    const set = await tools({
      fs: { command: process.execPath, args: [FILESYSTEM_SERVER, notes] },
      v2: { command: process.execPath, args: [V2_SERVER] },
    });
    const pids = set.servers.flatMap((server) =>
      server.status === 'connected' && server.pid ? [server.pid] : [],
    );
    expect(pids).toHaveLength(2);
    expect(pids.every(running)).toBe(true);
    await set.close();
    await set.close();
    expect(pids.filter(running)).toEqual([]);
  });
});
