// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references are stored as written.
import { describe, expect, it } from 'vitest';
import { describeServer, serverEntry } from './mcp.js';

const none = { transport: 'stdio' as const, env: [], header: [] };

describe('serverEntry', () => {
  it('writes stdio and http entries as Claude Code does', () => {
    expect(serverEntry('node', ['fs.js', '/notes'], { ...none, env: ['API_KEY=${KEY}'] })).toEqual({
      type: 'stdio',
      command: 'node',
      args: ['fs.js', '/notes'],
      env: { API_KEY: '${KEY}' },
    });
    expect(
      serverEntry('http://127.0.0.1:8765/mcp', [], {
        ...none,
        transport: 'http',
        header: ['Authorization: Bearer x:y'],
      }),
    ).toEqual({ type: 'http', url: 'http://127.0.0.1:8765/mcp', headers: { Authorization: 'Bearer x:y' } });
  });

  it('refuses what does not fit the transport', () => {
    expect(() => serverEntry('node', [], { ...none, env: ['NOEQUALS'] })).toThrow('--env takes KEY=value');
    expect(() => serverEntry('node', [], { ...none, header: ['A: b'] })).toThrow(
      '--header is for http servers',
    );
    expect(() => serverEntry('not a url', [], { ...none, transport: 'http' })).toThrow('is not a URL');
    expect(() => serverEntry('ftp://h/mcp', [], { ...none, transport: 'http' })).toThrow(
      'must be http or https',
    );
    expect(() => serverEntry('http://h/mcp', ['x'], { ...none, transport: 'http' })).toThrow(
      'takes a URL only',
    );
  });
});

describe('describeServer', () => {
  it('names env variables and headers, never their values', () => {
    expect(describeServer({ command: 'node', args: ['fs.js'], env: { API_KEY: 'sk-secret' } })).toBe(
      'stdio node fs.js (env: API_KEY)',
    );
    expect(
      describeServer({ type: 'http', url: 'http://h/mcp', headers: { Authorization: 'Bearer t0ken' } }),
    ).toBe('http http://h/mcp (headers: Authorization)');
  });
});
