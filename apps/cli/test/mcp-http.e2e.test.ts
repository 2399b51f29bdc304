// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references are the subject of this test.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHttpMcpServer } from '../../../packages/mcp-tools/test/fixtures/start-http-server.mjs';
import { setup } from './e2e-harness.js';

// Our own bedrock-chat-mcp --http (built): what `type: "http"` in .mcp.json reaches.
const TOKEN = 'cli-http-e2e-token-0123456789abcdef';

describe('bedrock-chat --mcp with a Streamable HTTP server', () => {
  it('reaches bedrock-chat-mcp --http from a .mcp.json entry (type http, url, a ${VAR} token header) and calls its list_models', async ({
    onTestFinished,
  }) => {
    const { emulator, home, run } = await setup(onTestFinished);
    mkdirSync(join(home, 'mcp'));
    const server = await startHttpMcpServer({
      emulatorUrl: emulator.url,
      home: join(home, 'mcp'),
      token: TOKEN,
    });
    onTestFinished(server.stop);
    const { url } = server;
    const config = join(home, '.mcp.json');
    writeFileSync(
      config,
      JSON.stringify({
        mcpServers: {
          bc: { type: 'http', url, headers: { Authorization: 'Bearer ${BC_MCP_TOKEN}' } },
        },
      }),
    );
    const result = await run(
      ['--mcp-config', config, '--mcp', 'bc', '--allow-tool', 'bc:list_models', 'use bc__list_models {}'],
      { env: { BC_MCP_TOKEN: TOKEN } },
    );
    expect(result.stderr).not.toMatch(/^(error|warning):/m);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('tool: bc:list_models');
    // The model quotes the tool's result: the emulator's models, as our server lists them.
    expect(result.stdout).toMatch(/bc__list_models: .*haiku/i);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);

    // Without the variable the header expands to nothing usable: a warning, the model answers alone.
    const refused = await run(['--mcp-config', config, '--mcp', 'bc', 'hello'], { env: {} });
    expect(refused.code).toBe(0);
    expect(refused.stderr).toMatch(/^warning: MCP server "bc" is not available/m);
    expect(refused.stdout).toContain('Echo: hello');
  });
});
