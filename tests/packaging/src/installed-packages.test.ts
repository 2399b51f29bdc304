import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InstalledEmulator, runBin, runNode, startInstalledEmulator } from './installed-bin.js';
import {
  installedManifest,
  type PackedInstall,
  PUBLIC_PACKAGES,
  type PublicPackage,
  packAndInstall,
} from './packed-install.js';

let install: PackedInstall;
let emulator: InstalledEmulator;
let home: string;

beforeAll(async () => {
  install = await packAndInstall();
  // In the CI log: which Node this pass runs on, and what packing and installing cost.
  console.log(
    `packaging: node ${process.version}; packed ${Object.keys(install.tarballs).length} tarballs in ${(install.packMs / 1000).toFixed(1)} s, ` +
      `installed them in ${(install.installMs / 1000).toFixed(1)} s (${install.projectDir})`,
  );
  emulator = await startInstalledEmulator(install);
  home = mkdtempSync(join(tmpdir(), 'bedrock-chat-packaging-home-'));
});

afterAll(async () => {
  await emulator?.close();
  install?.remove();
  if (home !== undefined) rmSync(home, { recursive: true, force: true });
});

/** A user's shell pointed at the installed emulator, with no AWS profile or config of the machine's. */
function userEnv(): NodeJS.ProcessEnv {
  return {
    PATH: install.env.PATH,
    HOME: home,
    BEDROCK_CHAT_HOME: home,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
    AWS_ENDPOINT_URL_BEDROCK: emulator.url,
    AWS_BEARER_TOKEN_BEDROCK: 'packaging-test-key',
    AWS_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
  };
}

async function listedTitles(): Promise<string[]> {
  const listed = await runBin(install, 'bedrock-chat', ['conversations', 'list', '--json'], userEnv());
  expect(listed.code, listed.stderr).toBe(0);
  return (JSON.parse(listed.stdout) as { title: string }[]).map((conversation) => conversation.title);
}

describe('the packed packages, installed from their tarballs', () => {
  it('carry what the registry shows: license, readme, repository, real versions for workspace ranges', () => {
    const manifests = Object.fromEntries(
      Object.keys(PUBLIC_PACKAGES).map((name) => [name, installedManifest(install, name as PublicPackage)]),
    );
    const coreVersion = manifests['@bedrock-chat/core']?.version;
    for (const [name, manifest] of Object.entries(manifests)) {
      const dir = join(install.projectDir, 'node_modules', name);
      // The one LICENSE is the repository's: pnpm packs the workspace root's LICENSE into a package
      // that has none (https://pnpm.io/cli/publish).
      expect(existsSync(join(dir, 'LICENSE')), `${name} LICENSE`).toBe(true);
      expect(existsSync(join(dir, 'README.md')), `${name} README.md`).toBe(true);
      expect(manifest).toMatchObject({
        version: coreVersion,
        license: 'MIT',
        repository: { url: 'git+https://github.com/bedrock-chat/bedrock-chat.git' },
        publishConfig: { access: 'public' },
      });
      expect(manifest.private, name).toBeUndefined();
      expect(JSON.stringify(manifest), name).not.toContain('workspace:');
    }
    for (const dependent of ['@bedrock-chat/mcp-server', '@bedrock-chat/mcp-tools'] as const) {
      expect(manifests[dependent]?.dependencies, dependent).toMatchObject({
        '@bedrock-chat/core': coreVersion,
      });
    }
  });

  it('the libraries load from the install by their exports maps, as a user imports them', async () => {
    // Each export resolves from the installed project (not the repository) to a dist file, and the
    // SQLite subpath loads the native better-sqlite3 built for this Node.
    const script = [
      "const core = await import('@bedrock-chat/core');",
      "const sqlite = await import('@bedrock-chat/core/sqlite');",
      "const paths = await import('@bedrock-chat/core/paths');",
      "const tools = await import('@bedrock-chat/mcp-tools');",
      "const emulator = await import('@bedrock-chat/bedrock-emulator');",
      "const store = sqlite.openSqliteStore({ path: ':memory:' });",
      'await store.close();',
      'console.log(JSON.stringify([typeof core.chat, typeof core.createChatClient, typeof paths.resolveCacheDir,',
      '  typeof sqlite.openSqliteStore, typeof tools.openMcpTools, typeof emulator.startEmulator,',
      "  import.meta.resolve('@bedrock-chat/core').startsWith(new URL('./node_modules/', import.meta.url).href)]));",
    ].join('\n');
    const loaded = await runNode(install, ['--input-type=module', '-e', script], userEnv());
    expect(loaded.stderr).toBe('');
    expect(JSON.parse(loaded.stdout)).toEqual([
      'function',
      'function',
      'function',
      'function',
      'function',
      'function',
      true,
    ]);
  });

  it('bedrock-chat answers a prompt and stores the conversation', async () => {
    const asked = await runBin(install, 'bedrock-chat', ['What is 1+1?'], userEnv());
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).toContain('Echo: What is 1+1?');
    expect(await listedTitles()).toContain('What is 1+1?');
  });

  it('bedrock-chat-mcp answers initialize, tools/list and a chat call over stdio', async () => {
    const transport = new StdioClientTransport({
      command: join(install.binDir, 'bedrock-chat-mcp'),
      env: userEnv() as Record<string, string>,
      cwd: home,
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const client = new Client({ name: 'packaging-test', version: '1.0.0' });
    try {
      await client.connect(transport);
      expect(client.getServerVersion()).toMatchObject({
        version: installedManifest(install, '@bedrock-chat/mcp-server').version,
      });
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('chat');
      const result = (await client.callTool({
        name: 'chat',
        arguments: { prompt: 'Hello from an agent' },
      })) as CallToolResult;
      expect(result.isError, stderr).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ text: 'Echo: Hello from an agent' });
    } finally {
      await client.close();
    }
    // The MCP server and the CLI installed beside it share one store.
    expect(await listedTitles()).toContain('Hello from an agent');
  });
});
