import { describe, expect, it } from 'vitest';
import { parseMcpConfig } from './server-config.js';
import { spawnableServers } from './spawnable-config.js';

const node = { command: 'node', args: ['server.js'] };

// Documents around every rule of server-config.ts's schemas.
const DOCUMENTS: unknown[] = [
  {},
  { mcpServers: {} },
  { mcpServers: { fs: node } },
  { mcpServers: { fs: { ...node, type: 'stdio', env: { TOKEN: '${TOKEN}' }, cwd: '/srv' } } },
  { mcpServers: { web: { type: 'http', url: 'http://127.0.0.1/mcp', headers: { A: 'b' } } } },
  { mcpServers: { fs: node }, allowedTools: ['fs:*'], otherKey: 1 },
  { mcpServers: { fs: { ...node, extra: true } } },
  [],
  null,
  'text',
  { mcpServers: [] },
  { mcpServers: { '': node } },
  { mcpServers: { fs: { command: '' } } },
  { mcpServers: { fs: { command: 1 } } },
  { mcpServers: { fs: { args: ['x'] } } },
  { mcpServers: { fs: { ...node, args: 'server.js' } } },
  { mcpServers: { fs: { ...node, args: [1] } } },
  { mcpServers: { fs: { ...node, env: { A: 1 } } } },
  { mcpServers: { fs: { ...node, env: ['A'] } } },
  { mcpServers: { fs: { ...node, cwd: '' } } },
  { mcpServers: { fs: { ...node, type: 'sse' } } },
  { mcpServers: { fs: { ...node, type: 'ws' } } },
  { mcpServers: { web: { type: 'http' } } },
  { mcpServers: { web: { type: 'http', url: '' } } },
  { mcpServers: { web: { type: 'http', url: 'http://x', headers: { A: 2 } } } },
  { mcpServers: { fs: node, bad: 'node server.js' } },
  { mcpServers: { fs: node }, allowedTools: 'fs:*' },
  { mcpServers: { fs: node }, allowedTools: [''] },
];

function zodAccepts(json: unknown): boolean {
  try {
    parseMcpConfig(json, 'test.json');
    return true;
  } catch {
    return false;
  }
}

describe('spawnableServers', () => {
  it.for(DOCUMENTS.map((json) => [JSON.stringify(json), json] as const))(
    'never accepts what the config schemas refuse, and reads the same servers: %s',
    ([, json]) => {
      const servers = spawnableServers(json);
      if (servers === undefined) return;
      expect(zodAccepts(json)).toBe(true);
      const parsed = parseMcpConfig(json, 'test.json').servers;
      expect(Object.keys(servers)).toEqual(Object.keys(parsed));
      for (const [name, entry] of Object.entries(servers)) {
        const config = parsed[name];
        if (entry === 'http' || config?.type === 'http') {
          expect([entry, config?.type]).toEqual(['http', 'http']);
        } else {
          const { command, args, env, cwd } = config as Exclude<typeof config, undefined>;
          expect(entry).toEqual({ command, args, env, cwd });
        }
      }
    },
  );

  it('accepts every valid document above, so the early start is not a no-op', () => {
    const valid = DOCUMENTS.filter(zodAccepts);
    expect(valid.length).toBeGreaterThan(5);
    for (const json of valid) expect(spawnableServers(json)).toBeDefined();
  });
});
