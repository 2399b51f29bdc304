// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references are the subject of these tests.
import { describe, expect, it } from 'vitest';
import { expandServerConfig, parseMcpConfig, parseMcpConfigText } from './server-config.js';

describe('parseMcpConfig', () => {
  it("reads Claude Desktop's claude_desktop_config.json, ignoring its other keys", () => {
    const config = parseMcpConfig(
      {
        globalShortcut: 'Ctrl+Space',
        mcpServers: {
          fs: { command: 'node', args: ['/opt/fs/index.js', '/home/u/notes'], env: { DEBUG: '1' } },
        },
      },
      'claude_desktop_config.json',
    );
    expect(config).toEqual({
      servers: { fs: { command: 'node', args: ['/opt/fs/index.js', '/home/u/notes'], env: { DEBUG: '1' } } },
      allowedTools: [],
    });
  });

  it("reads Claude Code's .mcp.json with stdio and http entries and our allowlist", () => {
    const config = parseMcpConfig(
      {
        mcpServers: {
          fs: { type: 'stdio', command: 'node', args: ['fs.js'] },
          chat: { type: 'http', url: 'http://127.0.0.1:8765/mcp', headers: { Authorization: 'Bearer ${T}' } },
        },
        allowedTools: ['fs:*'],
      },
      '.mcp.json',
    );
    expect(config.servers.chat).toEqual({
      type: 'http',
      url: 'http://127.0.0.1:8765/mcp',
      headers: { Authorization: 'Bearer ${T}' },
    });
    expect(config.allowedTools).toEqual(['fs:*']);
  });

  it('names the server and the field that is wrong', () => {
    expect(() => parseMcpConfig({ mcpServers: { fs: { args: [] } } }, 'x.json')).toThrow(
      expect.objectContaining({
        code: 'MCP_CONFIG_INVALID',
        message: expect.stringMatching(/^x\.json: server "fs": command/),
      }),
    );
    expect(() => parseMcpConfig({ mcpServers: { web: { type: 'http' } } }, 'x.json')).toThrow(
      /server "web": url/,
    );
    expect(() => parseMcpConfig({ mcpServers: { old: { type: 'sse', url: 'http://h' } } }, 'x.json')).toThrow(
      /SSE transport/,
    );
    expect(() => parseMcpConfigText('{"mcpServers":', 'x.json')).toThrow(/x\.json: not valid JSON/);
  });

  it('is empty without mcpServers', () => {
    expect(parseMcpConfig({}, 'x.json')).toEqual({ servers: {}, allowedTools: [] });
  });
});

describe('expandServerConfig', () => {
  it('expands command, args, env, url and headers', () => {
    const env = { ROOT: '/srv', KEY: 'k1' };
    expect(
      expandServerConfig(
        'fs',
        { command: '${ROOT}/bin/node', args: ['${ROOT}/notes'], env: { API: '${KEY}' } },
        env,
      ),
    ).toEqual({ command: '/srv/bin/node', args: ['/srv/notes'], env: { API: 'k1' } });
    expect(
      expandServerConfig(
        'web',
        { type: 'http', url: '${URL:-http://127.0.0.1:1/mcp}', headers: { Authorization: 'Bearer ${KEY}' } },
        env,
      ),
    ).toEqual({ type: 'http', url: 'http://127.0.0.1:1/mcp', headers: { Authorization: 'Bearer k1' } });
  });
});
