import { describe, expect, it } from 'vitest';
import { parseToolFlags } from './tool-flags.js';

describe('parseToolFlags', () => {
  it('collects servers (repeatable or comma-separated), files and the allowlist', () => {
    expect(
      parseToolFlags({ mcp: ['fs', 'web,git'], mcpConfig: ['.mcp.json'], allowTool: ['fs:*'], yes: false }),
    ).toEqual({
      servers: ['fs', 'web', 'git'],
      configFiles: ['.mcp.json'],
      allowTools: ['fs:*'],
      yes: false,
    });
    expect(parseToolFlags({})).toBeUndefined();
  });

  it('refuses flags that mean nothing without --mcp', () => {
    expect(() => parseToolFlags({ allowTool: ['fs:*'], yes: true })).toThrow(
      '--allow-tool and --yes need --mcp <name>: no MCP server is enabled.',
    );
    expect(() => parseToolFlags({ mcpConfig: ['x.json'] })).toThrow('--mcp-config needs --mcp <name>');
    expect(() => parseToolFlags({ mcp: [' '] })).toThrow('--mcp needs a value');
  });
});
